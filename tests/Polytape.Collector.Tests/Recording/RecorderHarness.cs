using Polytape.Collector.Configuration;
using Polytape.Collector.Recording;
using Polytape.Collector.Status;
using Polytape.Collector.Tests.Ingest;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// The whole recorder, configured as <c>polytape record</c> would be, against the in-process simulator with its
/// engine stepped by hand. Snapshot signals come from the recorder's own ingest loop.
/// </summary>
internal sealed class RecorderHarness : IAsyncDisposable
{
    private RecorderHarness(PolymarketSimulator simulator, TempDirectory directory, RecorderConfig config)
    {
        Simulator = simulator;
        Directory = directory;
        Config = config;
        lock (simulator.Engine.Gate)
        {
            Tokens = [.. simulator.Engine.Universe.Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id })];
        }
    }

    public PolymarketSimulator Simulator { get; }

    public TempDirectory Directory { get; }

    public RecorderConfig Config { get; }

    public Recorder Recorder { get; private set; } = null!;

    public SnapshotSignals Snapshots { get; } = new();

    public string[] Tokens { get; }

    public string ArchiveDirectory => Path.Combine(Directory.Path, "archive");

    public static async Task<RecorderHarness> StartAsync(int markets = 20, int assetsPerConnection = 15, Action<RecorderConfig>? configure = null)
    {
        var simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 7, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
        });
        var directory = new TempDirectory();
        var config = new RecorderConfig();
        config.Discovery.GammaUrl = simulator.GammaUri;
        config.WebSocket.Url = simulator.MarketWebSocketUri;
        config.WebSocket.MaxAssetsPerConnection = assetsPerConnection;
        config.WebSocket.ConnectionsPerSecond = 100;
        config.WebSocket.Reconnect.InitialDelay = TimeSpan.FromMilliseconds(20);
        config.WebSocket.Reconnect.MaxDelay = TimeSpan.FromMilliseconds(200);
        config.Rest.ClobUrl = simulator.ClobUri;
        config.Rest.VerifyInterval = TimeSpan.Zero;
        config.Archive.Directory = Path.Combine(directory.Path, "archive");
        config.Storage.Sqlite.Enabled = false;
        config.Observability.Listen = "127.0.0.1:0";
        config.Observability.StatusFile = Path.Combine(directory.Path, "status.json");
        config.Observability.StatusLine = StatusLineMode.Off;
        configure?.Invoke(config);
        var harness = new RecorderHarness(simulator, directory, config);
        await harness.StartRecorderAsync();
        return harness;
    }

    public async Task StartRecorderAsync()
    {
        Recorder = await Recorder.StartAsync(Config, new RecorderRuntime());
        Recorder.SnapshotApplied += Snapshots.OnSnapshot;
    }

    public void Step(int mutations)
    {
        lock (Simulator.Engine.Gate)
        {
            Simulator.Engine.Step(mutations);
        }
    }

    /// <summary>
    /// Resubscribes one asset on every connection and waits for its fresh snapshot: the server sends per connection in
    /// order, so then every frame sent before has been received, archived and applied.
    /// </summary>
    public async Task BarrierAsync()
    {
        var markers = Recorder.Pool.GetStatus().Connections
            .Select(c => Recorder.Pool.AssetsOf(c.Id))
            .Where(assets => assets.Count > 0)
            .Select(assets => assets[0])
            .ToList();
        var before = markers.ToDictionary(m => m, Snapshots.CountOf);
        foreach (var marker in markers)
        {
            await Recorder.Pool.ResubscribeAsync(marker);
        }

        foreach (var marker in markers)
        {
            await Snapshots.WaitForAsync([marker], before[marker] + 1);
        }
    }

    /// <summary>The simulator's true book of each token, as levels in wire order.</summary>
    public Dictionary<string, (BookLevel[] Bids, BookLevel[] Asks)> TrueBooks()
    {
        lock (Simulator.Engine.Gate)
        {
            var books = new Dictionary<string, (BookLevel[], BookLevel[])>(StringComparer.Ordinal);
            foreach (var id in Tokens)
            {
                Simulator.Engine.Universe.TryGetToken(id, out var token);
                var wire = TokenSummaries.ToWire(token!);
                books[id] = (
                    [.. wire.Bids.Select(l => new BookLevel(Price.Parse(l.Price), Size.Parse(l.Size)))],
                    [.. wire.Asks.Select(l => new BookLevel(Price.Parse(l.Price), Size.Parse(l.Size)))]);
            }

            return books;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Recorder is not null)
        {
            await Recorder.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        Directory.Dispose();
    }
}
