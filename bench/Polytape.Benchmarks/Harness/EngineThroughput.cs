using System.Diagnostics;
using System.Globalization;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Universe;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// The engine alone on one thread (no sockets): how many market-channel events per second it can produce,
/// each with both legs' real hashes. The simulator's rate cannot exceed this. Usage: engine-throughput [seconds] [markets]
/// </summary>
public static class EngineThroughput
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var markets = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var engine = new MarketEngine(new UniverseOptions { Seed = 1, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
            new EngineOptions(), new DiscardingSink(), TimeProvider.System);
        engine.Step(100_000); // warm-up
        var start = engine.EventsPublished;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            engine.Step(1_000);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine alone, {markets} markets: {(engine.EventsPublished - start) / elapsed:N0} events/s on one thread ({used / elapsed * 100:F0}% CPU)"));
        return 0;
    }

    private sealed class DiscardingSink : IFrameSink
    {
        public void Publish(in OutboundFrame frame)
        {
        }
    }
}
