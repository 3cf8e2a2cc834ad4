using System.Diagnostics;
using System.Globalization;
using Polytape.Archive;
using Polytape.Stores;
using Polytape.Stores.Loading;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;
using Polytape.Stores.Schema;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// Rows/s into one store: the simulator's order flow (books, price changes, trades, tick changes) normalised into
/// row batches in memory first, then written batch by batch (one transaction or insert set each) into an empty
/// store, timed. Also reports the normaliser alone and a full <c>load</c> from an archive of the same records.
/// Usage: store-throughput STORE [records] [markets] [batch] [loads]: with loads &gt; 1 the full load is repeated
/// into fresh databases (suffix "_load", "_load2", …), so the later ones show it without the JIT's warm-up.
/// </summary>
public static class StoreThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var spec = args.Length > 0 ? args[0] : "sqlite:" + Path.Combine(Path.GetTempPath(), $"polytape-bench-{Guid.NewGuid():N}.db");
        var records = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var markets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var batchRecords = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5_000;
        var loads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
        var archive = SimulatedArchive.Records(records, markets);

        // The parser alone (no rows built): how much of the normaliser is parsing.
        var clock = Stopwatch.StartNew();
        var parser = new Polytape.Polymarket.MarketChannel.MarketFrameParser();
        var nullHandler = new NullHandler();
        foreach (var record in archive)
        {
            parser.Parse(record.Payload.Span, nullHandler);
        }

        Console.WriteLine(Line($"parser alone: {archive.Count:N0} records, {nullHandler.Events:N0} events in {clock.Elapsed.TotalSeconds:F2} s ({archive.Count / clock.Elapsed.TotalSeconds:N0} records/s)"));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        var normaliser = new RecordNormaliser();
        var batches = new List<RowBatch>();
        for (var i = 0; i < archive.Count; i += batchRecords)
        {
            var batch = new RowBatch();
            foreach (var record in archive.Skip(i).Take(batchRecords))
            {
                normaliser.Add(record, batch);
            }

            batches.Add(batch);
        }

        var normalising = clock.Elapsed.TotalSeconds;
        var rows = batches.Sum(batch => batch.RowCount);
        Console.WriteLine(Line($"normaliser: {archive.Count:N0} records → {rows:N0} rows in {normalising:F2} s ({archive.Count / normalising:N0} records/s, {rows / normalising:N0} rows/s), {(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)archive.Count:N0} bytes allocated per record"));

        // The shared per-row path (table writers → sink calls) without any database: the floor every backend pays.
        clock.Restart();
        var counting = new CountingSink();
        foreach (var batch in batches)
        {
            foreach (var table in StoreTables.All)
            {
                table.Write(batch, counting);
            }
        }

        var walking = clock.Elapsed.TotalSeconds;
        Console.WriteLine(Line($"row walk only: {counting.Rows:N0} rows in {walking:F2} s ({counting.Rows / walking:N0} rows/s)"));

        var cpu = new CpuMeter();
        await using (var store = StoreFactory.Create(spec))
        {
            await store.EnsureSchemaAsync();
            clock.Restart();
            cpu.Restart();
            foreach (var batch in batches)
            {
                await store.WriteAsync(batch);
            }

            var writing = clock.Elapsed.TotalSeconds;
            Console.WriteLine(Line($"{store.Description}: {rows:N0} rows in {batches.Count} batches of {batchRecords} records, {writing:F2} s → {rows / writing:N0} rows/s"));
            Console.WriteLine("  " + cpu.Report(rows));
        }

        // The whole path of `polytape load`: archive files → reader → normaliser → bounded queue → store (a second, empty store).
        var directory = Path.Combine(Path.GetTempPath(), "polytape-store-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await SimulatedArchive.WriteAsync(directory, archive);

            for (var load = 1; load <= loads; load++)
            {
                await using var second = StoreFactory.Create(SecondSpec(spec, load));
                cpu.Restart();
                var result = await new StoreLoader(second, directory, new StoreLoaderOptions { BatchRecords = batchRecords }).LoadAsync(retention: false);
                Console.WriteLine(Line($"load from archive into {second.Description}: {result.Records:N0} records, {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F2} s → {result.Rows / result.Elapsed.TotalSeconds:N0} rows/s"));
                Console.WriteLine("  " + cpu.Report(result.Rows));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    /// <summary>
    /// The same kind of store, another database (SQLite file, PostgreSQL or ClickHouse database name + "_load"); the
    /// <paramref name="load"/>th repeated load gets its number appended from the second on.
    /// </summary>
    private static string SecondSpec(string spec, int load)
    {
        var suffix = load == 1 ? "load" : "load" + load.ToString(CultureInfo.InvariantCulture);
        return spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? spec + "." + suffix + ".db"
            : spec.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) ? spec.Replace("Database=", "Database=" + suffix + "_", StringComparison.OrdinalIgnoreCase)
            : spec.TrimEnd('/') + "_" + suffix;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class CountingSink : IRowSink
    {
        public long Rows { get; private set; }

        public void BeginRow()
        {
        }

        public void Int64(long value)
        {
        }

        public void Int32(int value)
        {
        }

        public void NullableInt32(int? value)
        {
        }

        public void ExchangeTime(long milliseconds)
        {
        }

        public void Text(string value)
        {
        }

        public void NullableText(string? value)
        {
        }

        public void Label(string value)
        {
        }

        public void NullableHash(bool hasHash, in Domain.Hashing.BookHash hash)
        {
        }

        public void Price(Domain.Numerics.Price value)
        {
        }

        public void Size(Domain.Numerics.Size value)
        {
        }

        public void Flag(bool? value)
        {
        }

        public void EndRow() => Rows++;
    }
}
