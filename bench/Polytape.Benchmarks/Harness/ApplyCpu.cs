using System.Diagnostics;
using System.Globalization;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// The parse → apply benchmarks timed in process CPU time rather than wall time, so that other load on
/// the machine (which stretches BenchmarkDotNet's wall-clock figures) changes the figures little. Prints the median
/// CPU ns per frame over the rounds, and bytes allocated per frame.
/// </summary>
internal static class ApplyCpu
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var roundMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;

        var ingest = new IngestApplyBenchmarks();
        ingest.Setup();
        var apply = new ApplyBenchmarks();
        apply.Setup();
        var parse = new ParseBenchmarks();
        var book = new BookBenchmarks();
        book.Setup();

        (string Name, Action Op)[] cases =
        [
            ("ingest: price_change, 2 entries, 2 hashes", () => _ = ingest.PriceChangeTwoEntries()),
            ("ingest: price_change, 1 entry, 1 hash", () => _ = ingest.PriceChangeOneEntry()),
            ("ingest: book snapshot ~50+50, compare + hash", () => _ = ingest.BookSnapshot()),
            ("apply: price_change 2 entries, bbo only", () => _ = apply.ParseApplyCheckBestBidAsk()),
            ("apply: price_change 2 entries, bbo + hashes", () => _ = apply.ParseApplyCheckBestBidAskAndHash()),
            ("parse: price_change 2 entries", () => _ = parse.PriceChangeTwoEntries()),
            ("parse: post-trade book", () => _ = parse.PostTradeBook()),
            ("parse: initial dump, 2 books", () => _ = parse.InitialDumpTwoBooks()),
            ("hash: full book 50+50", () => _ = book.HashFullBook()),
        ];

        Console.WriteLine($"{"case",-48} {"CPU ns/frame (median)",22} {"min",8} {"max",8} {"B/frame",8}");
        foreach (var (name, op) in cases)
        {
            var batch = Calibrate(op);
            var samples = new double[rounds];
            long allocated = 0;
            long operations = 0;
            for (var r = 0; r < rounds; r++)
            {
                var iterations = Math.Max(1, (int)(batch * roundMs / 100.0));
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = ThreadCpuNs();
                for (var i = 0; i < iterations; i++)
                {
                    op();
                }

                samples[r] = (ThreadCpuNs() - start) / (double)iterations;
                allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
                operations += iterations;
            }

            Array.Sort(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-48} {samples[rounds / 2],22:F0} {samples[0],8:F0} {samples[^1],8:F0} {allocated / (double)operations,8:F2}"));
        }

        return 0;
    }

    /// <summary>Warms the case up (tiered JIT) and returns how many operations take ~100 ms of CPU.</summary>
    private static int Calibrate(Action op)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.ElapsedMilliseconds < 1_500)
        {
            op();
            count++;
        }

        var start = ThreadCpuNs();
        for (var i = 0; i < count / 10; i++)
        {
            op();
        }

        var ns = Math.Max(1, ThreadCpuNs() - start) / (double)Math.Max(1, count / 10);
        return Math.Max(1, (int)(100_000_000 / ns));
    }

    /// <summary>Process CPU time (after warm-up only this thread runs: no JIT or GC work is left in the rounds).</summary>
    private static long ThreadCpuNs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.Ticks * 100;
    }
}
