using Polytape.Collector.Discovery;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>A simulator on a manual clock, and a discovery wired to it with a recording listener and archive.</summary>
internal sealed class DiscoveryHarness : IAsyncDisposable
{
    private static readonly HttpClient Http = new();

    private DiscoveryHarness(PolymarketSimulator simulator, ManualTimeProvider time)
    {
        Simulator = simulator;
        Time = time;
    }

    public PolymarketSimulator Simulator { get; }

    public ManualTimeProvider Time { get; }

    public RecordingDiscoveryListener Listener { get; } = new();

    public RecordingArchiveAppender Archive { get; } = new();

    public GammaClient? Gamma { get; private set; }

    public MarketDiscovery? Discovery { get; private set; }

    public static async Task<DiscoveryHarness> StartAsync(UniverseOptions universe)
    {
        // 12:00:00 UTC: every rolling grid starts a window now.
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, Universe = universe, Time = time });
        return new DiscoveryHarness(simulator, time);
    }

    public MarketDiscovery Start(Func<DiscoveryOptions, DiscoveryOptions> configure)
    {
        var options = configure(new DiscoveryOptions { GammaUri = Simulator.GammaUri, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        Gamma = new GammaClient(Http, options, Time, Archive);
        Discovery = new MarketDiscovery(Gamma, options, Listener, Time, Archive);
        return Discovery;
    }

    /// <summary>
    /// Moves the shared clock and lets the venue list, open, end and resolve what is due. Under the engine's gate, so
    /// a refresh the clock sets off sees the venue only after its lifecycle has caught up.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        lock (Simulator.Engine.Gate)
        {
            Time.Advance(by);
            Simulator.Engine.AdvanceLifecycle();
        }
    }

    /// <summary>Condition ids of the simulator's markets that satisfy the condition (read under the engine gate).</summary>
    public string[] ConditionIds(Func<SimulatedMarket, bool> where)
    {
        lock (Simulator.Engine.Gate)
        {
            return Simulator.Engine.Universe.Markets.Where(where).Select(m => m.ConditionId).Order(StringComparer.Ordinal).ToArray();
        }
    }

    public SimulatedMarket Market(Func<SimulatedMarket, bool> where)
    {
        lock (Simulator.Engine.Gate)
        {
            return Simulator.Engine.Universe.Markets.First(where);
        }
    }

    public string[] Catalogued() =>
        Discovery!.Catalog.Markets().Select(m => m.ConditionId).Order(StringComparer.Ordinal).ToArray();

    public async ValueTask DisposeAsync()
    {
        Discovery?.Dispose();
        Gamma?.Dispose();
        await Simulator.DisposeAsync();
    }
}
