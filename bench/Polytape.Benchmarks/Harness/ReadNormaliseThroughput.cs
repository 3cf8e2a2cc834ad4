using System.Diagnostics;
using System.Globalization;
using Polytape.Archive;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// The reading side of <c>polytape load</c> without a store: archive files → reader → normaliser → row batches
/// (returned once full, as a loader's writer hands them back once written). Several passes over the same archive, so the first
/// shows the JIT and the rest the steady state; each reports records/s, CPU-µs per record (this process, so robust
/// to other load) and bytes allocated per record on the reading thread.
/// --alloc-types lists the types the last pass allocated, from the runtime's allocation sampling.
/// Usage: read-normalise [records] [markets] [passes] [--archive=DIR] [--read-only] [--alloc-types]
/// </summary>
public static class ReadNormaliseThroughput
{
    private const int BatchRecords = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray();
        var records = numbers.Length > 0 ? numbers[0] : 200_000;
        var markets = numbers.Length > 1 ? numbers[1] : 200;
        var passes = numbers.Length > 2 ? numbers[2] : 5;
        var given = args.FirstOrDefault(arg => arg.StartsWith("--archive=", StringComparison.Ordinal))?["--archive=".Length..];
        var readOnly = args.Contains("--read-only");
        using var allocations = args.Contains("--alloc-types") ? new AllocationSampler() : null;
        var directory = given ?? Path.Combine(Path.GetTempPath(), "polytape-read-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (given is null || !Directory.Exists(given))
            {
                // A named archive that does not exist yet is written and kept, so a profiler can watch the reading alone.
                await SimulatedArchive.WriteAsync(directory, SimulatedArchive.Records(records, markets));
            }

            var cpuPerRecord = new List<double>();
            // One loader's spares for the whole run: a load reuses its batches for as long as it runs.
            var spares = new RowBatchSpares();
            for (var pass = 1; pass <= passes; pass++)
            {
                if (pass == passes)
                {
                    allocations?.Start();
                }

                var result = Pass(directory, readOnly, spares);
                var cpuMicros = result.Cpu.TotalMicroseconds / result.Records;
                if (pass > 1)
                {
                    cpuPerRecord.Add(cpuMicros);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pass {pass}: {result.Records:N0} records → {result.Rows:N0} rows in {result.Wall.TotalSeconds:F2} s ({result.Records / result.Wall.TotalSeconds:N0} records/s), cpu {cpuMicros:F2} µs/record, {result.Allocated / (double)result.Records:N0} bytes allocated/record, load {Load()}"));
            }

            if (cpuPerRecord.Count > 0)
            {
                cpuPerRecord.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"steady passes: cpu µs/record min {cpuPerRecord[0]:F2}, median {cpuPerRecord[cpuPerRecord.Count / 2]:F2}"));
            }

            foreach (var (type, bytes) in allocations?.Top(15) ?? [])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated ~{bytes / 1048576.0:N1} MiB of {type}"));
            }
        }
        finally
        {
            if (given is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }

    private static (long Records, long Rows, TimeSpan Wall, TimeSpan Cpu, long Allocated) Pass(string directory, bool readOnly, RowBatchSpares spares)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var normaliser = new RecordNormaliser();
        var batch = spares.Rent();
        RowBatch? writing = null;
        long records = 0, rows = 0, payloadBytes = 0;
        // As the loader reads: the payload buffer is reused (the read-only pass too, so it measures that reader).
        foreach (var record in ArchiveReader.ReadReusingPayloads(directory))
        {
            records++;
            if (readOnly)
            {
                payloadBytes += record.Payload.Length;
                continue;
            }

            normaliser.Add(record, batch);
            if (batch.Records >= BatchRecords)
            {
                // As the loader: the writer has the full batch while the next fills, then hands it back for reuse.
                rows += batch.RowCount;
                if (writing is not null)
                {
                    spares.Return(writing);
                }

                writing = batch;
                batch = spares.Rent(sizedLike: batch);
            }
        }

        rows += batch.RowCount;
        if (writing is not null)
        {
            spares.Return(writing);
        }

        spares.Return(batch);
        var wall = clock.Elapsed;
        process.Refresh();
        return (records, readOnly ? payloadBytes : rows, wall, process.TotalProcessorTime - cpuStart, GC.GetAllocatedBytesForCurrentThread() - allocatedStart);
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
