using Polytape.Archive;
using Polytape.Collector.Subscriptions;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>
/// The venue of the manual-clock pool tests: the simulator with a few binary markets, stepped by hand, and pools
/// wired to a <see cref="PoolTestSink"/> that re-checks its waits after every supervision pass.
/// </summary>
internal sealed class PoolVenue : IAsyncDisposable
{
    private PoolVenue(PolymarketSimulator simulator)
    {
        Simulator = simulator;
        lock (simulator.Engine.Gate)
        {
            Markets = [.. simulator.Engine.Universe.Markets];
        }

        Tokens = [.. Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id })];
    }

    public PolymarketSimulator Simulator { get; }

    public SimulatedMarket[] Markets { get; }

    /// <summary>Every market's YES then NO token id, in market order.</summary>
    public string[] Tokens { get; }

    public static async Task<PoolVenue> StartAsync(int seed, int markets) => new(await PolymarketSimulator.StartAsync(new SimulatorOptions
    {
        Port = 0,
        EventsPerSecond = 0,
        Universe = new UniverseOptions { Seed = seed, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
    }));

    /// <summary>For tests that keep only the simulator and its token ids (they dispose the simulator themselves).</summary>
    public static async Task<(PolymarketSimulator Simulator, string[] Tokens)> StartWithTokensAsync(int seed, int markets)
    {
        var venue = await StartAsync(seed, markets);
        return (venue.Simulator, venue.Tokens);
    }

    /// <summary>A pool on <paramref name="clock"/> feeding a fresh sink; each supervision pass signals the sink's waits.</summary>
    public static (FeedPool Pool, PoolTestSink Sink) Pool(FeedPoolOptions options, ManualTimeProvider clock, IArchiveAppender? archive = null)
    {
        var sink = new PoolTestSink();
        var pool = new FeedPool(options, sink, clock, archive: archive);
        sink.Pool = pool;
        pool.AfterSupervision = sink.Signal;
        return (pool, sink);
    }

    /// <summary>Three mutations of each market, under the engine's gate.</summary>
    public void Mutate(params SimulatedMarket[] markets)
    {
        lock (Simulator.Engine.Gate)
        {
            foreach (var market in markets)
            {
                for (var i = 0; i < 3; i++)
                {
                    Simulator.Engine.Mutate(market);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
