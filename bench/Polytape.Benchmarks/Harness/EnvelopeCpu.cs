using System.Diagnostics;
using System.Globalization;
using Polytape.Archive;
using Polytape.Archive.Envelopes;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// <see cref="EnvelopeBenchmarks"/> timed in process CPU time rather than wall time, so the figure holds on a machine
/// busy with other work: for each frame, the payload escaped and the whole envelope line formatted, in rounds of
/// ~0.3 CPU-s; the best and the median round are reported in CPU-ns per payload. Usage: envelope-cpu [rounds]
/// </summary>
public static class EnvelopeCpu
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        foreach (var frame in new[] { "price_change", "book", "last_trade_price" })
        {
            var bench = new EnvelopeBenchmarks { Frame = frame };
            bench.Setup();
            Measure(frame, "Escape", rounds, () => bench.Escape());
            Measure(frame, "Format", rounds, () => bench.Format());
        }

        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        Console.WriteLine($"load {load}");
        return 0;
    }

    private static void Measure(string frame, string method, int rounds, Func<int> operation)
    {
        // Calibrate to ~0.3 CPU-s a round (also the warm-up through the JIT's tiers).
        var iterations = 1000;
        while (Cpu(operation, iterations) < 0.3)
        {
            iterations *= 2;
        }

        var perOperation = Enumerable.Range(0, rounds).Select(_ => Cpu(operation, iterations) / iterations * 1e9).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{frame,-17} {method,-7} best {perOperation[0],8:F1} CPU-ns  median {perOperation[rounds / 2],8:F1} CPU-ns  ({iterations} per round)"));
    }

    private static double Cpu(Func<int> operation, int iterations)
    {
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        var sink = 0;
        for (var i = 0; i < iterations; i++)
        {
            sink += operation();
        }

        GC.KeepAlive(sink);
        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;
    }
}
