using Polytape.Archive;
using Polytape.Collector.Feed;
using Polytape.Collector.Ingest;
using Polytape.Domain.Books;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>
/// The recording path as <c>polytape record</c> wires it, against the in-process simulator: two real feed connections,
/// the ingest pipeline and a real archive writer in a temp directory. Tests step the engine by hand.
/// </summary>
internal sealed class SimulatorIngest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _feedRuns = [];
    private Task _pipelineRun = Task.CompletedTask;
    private bool _stopped;

    private SimulatorIngest(PolymarketSimulator simulator, TempDirectory directory, ArchiveWriter writer)
    {
        Simulator = simulator;
        Directory = directory;
        Writer = writer;
        Archive = new RecordingAppender(writer);
        Pipeline = new IngestPipeline(Archive, TimeProvider.System);
        Pipeline.SetObservers(Snapshots, null);
        lock (simulator.Engine.Gate)
        {
            Tokens = [.. simulator.Engine.Universe.Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id })];
        }
    }

    public PolymarketSimulator Simulator { get; }

    public TempDirectory Directory { get; }

    public ArchiveWriter Writer { get; }

    public RecordingAppender Archive { get; }

    public IngestPipeline Pipeline { get; }

    public SnapshotSignals Snapshots { get; } = new();

    public string[] Tokens { get; }

    public List<FeedConnection> Feeds { get; } = [];

    public static async Task<SimulatorIngest> StartAsync(int markets = 20)
    {
        var simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 21, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
        });
        var directory = new TempDirectory();
        var writer = await ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = directory.Path });
        return new SimulatorIngest(simulator, directory, writer);
    }

    /// <summary>Starts the pipeline and one feed per group of tokens, and waits for every token's first snapshot.</summary>
    public async Task RunAsync(params string[][] tokenGroups)
    {
        _pipelineRun = Pipeline.RunAsync(CancellationToken.None);
        for (var i = 0; i < tokenGroups.Length; i++)
        {
            var feed = new FeedConnection(
                $"c{i + 1}",
                new FeedOptions { Endpoint = Simulator.MarketWebSocketUri, ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(100) },
                Pipeline,
                TimeProvider.System);
            await feed.SubscribeAsync(tokenGroups[i]);
            Feeds.Add(feed);
            _feedRuns.Add(feed.RunAsync(_stop.Token));
        }

        await Snapshots.WaitForAsync(tokenGroups.SelectMany(g => g));
    }

    public void Step(int mutations)
    {
        lock (Simulator.Engine.Gate)
        {
            Simulator.Engine.Step(mutations);
        }
    }

    /// <summary>
    /// Subscribes each feed to one more token and waits for its snapshot: the server sends per connection in order,
    /// so once the marker's snapshot is applied, every frame sent before it has been received and applied.
    /// </summary>
    public async Task BarrierAsync(params string[] markers)
    {
        var before = markers.Select(Snapshots.CountOf).ToArray();
        for (var i = 0; i < markers.Length; i++)
        {
            await Feeds[i].SubscribeAsync([markers[i]]);
        }

        for (var i = 0; i < markers.Length; i++)
        {
            await Snapshots.WaitForAsync([markers[i]], before[i] + 1);
        }
    }

    /// <summary>The simulator's true book of each token, as levels in wire order.</summary>
    public Dictionary<string, (BookLevel[] Bids, BookLevel[] Asks)> TrueBooks() => Simulator.TrueBooks(Tokens);

    /// <summary>Stops the feeds, drains the pipeline and seals the archive. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        await Task.WhenAll(_feedRuns);
        await Pipeline.CompleteAsync();
        await _pipelineRun;
        await Writer.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Pipeline.Dispose();
        _stop.Dispose();
        await Simulator.DisposeAsync();
        Directory.Dispose();
    }
}
