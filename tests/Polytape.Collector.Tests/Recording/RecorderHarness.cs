using Polytape.Collector.Configuration;
using Polytape.Collector.Feed;
using Polytape.Collector.Recording;
using Polytape.Collector.Status;
using Polytape.Collector.Tests.Ingest;
using Polytape.Domain.Books;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// The whole recorder, configured as <c>polytape record</c> would be, against the in-process simulator with its
/// engine stepped by hand. Snapshot signals come from the recorder's own ingest loop.
/// </summary>
internal sealed class RecorderHarness : IAsyncDisposable
{
    private RecorderHarness(PolymarketSimulator simulator, TempDirectory directory, RecorderConfig config, TimeProvider clock)
    {
        Simulator = simulator;
        Directory = directory;
        Config = config;
        Clock = clock;
        lock (simulator.Engine.Gate)
        {
            Tokens = [.. simulator.Engine.Universe.Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id })];
        }
    }

    public PolymarketSimulator Simulator { get; }

    public TempDirectory Directory { get; }

    public RecorderConfig Config { get; }

    /// <summary>The recorder's clock (the simulator keeps the system clock).</summary>
    public TimeProvider Clock { get; }

    public Recorder Recorder { get; private set; } = null!;

    public SnapshotSignals Snapshots { get; } = new();

    public string[] Tokens { get; }

    public string ArchiveDirectory => Path.Combine(Directory.Path, "archive");

    public static async Task<RecorderHarness> StartAsync(
        int markets = 20, int assetsPerConnection = 15, Action<RecorderConfig>? configure = null, TimeProvider? clock = null, Action<PolymarketSimulator>? simulator = null)
    {
        var venue = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 7, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
        });
        simulator?.Invoke(venue);
        var directory = new TempDirectory();
        var config = new RecorderConfig();
        config.Discovery.GammaUrl = venue.GammaUri;
        config.WebSocket.Url = venue.MarketWebSocketUri;
        config.WebSocket.MaxAssetsPerConnection = assetsPerConnection;
        config.WebSocket.ConnectionsPerSecond = 100;
        config.WebSocket.Reconnect.InitialDelay = TimeSpan.FromMilliseconds(20);
        config.WebSocket.Reconnect.MaxDelay = TimeSpan.FromMilliseconds(200);
        config.Rest.ClobUrl = venue.ClobUri;
        config.Rest.VerifyInterval = TimeSpan.Zero;
        config.Archive.Directory = Path.Combine(directory.Path, "archive");
        config.Storage.Sqlite.Enabled = false;
        config.Observability.Listen = "127.0.0.1:0";
        config.Observability.StatusFile = Path.Combine(directory.Path, "status.json");
        config.Observability.StatusLine = StatusLineMode.Off;
        configure?.Invoke(config);
        var harness = new RecorderHarness(venue, directory, config, clock ?? TimeProvider.System);
        await harness.StartRecorderAsync();
        return harness;
    }

    public async Task StartRecorderAsync()
    {
        Recorder = await Recorder.StartAsync(Config, new RecorderRuntime { Time = Clock, SnapshotApplied = (_, asset) => Snapshots.Count(asset) });
    }

    /// <summary>Waits for a first snapshot of every token; on timeout says which are missing and what the recorder knows of them.</summary>
    public async Task WaitForAllSnapshotsAsync(int count = 1)
    {
        try
        {
            await Snapshots.WaitForAsync(Tokens, count);
        }
        catch (TimeoutException)
        {
            var missing = Tokens.Where(t => Snapshots.CountOf(t) < count).ToList();
            var catalogued = missing.Count(t => Recorder.Discovery.Catalog.TryGetByAssetId(t, out _));
            var status = Recorder.Pool.GetStatus();
            throw new TimeoutException(
                $"{missing.Count} of {Tokens.Length} tokens had fewer than {count} snapshots ({catalogued} of them in the catalog; " +
                $"pool desired {status.AssetsDesired}, delivered {status.AssetsDelivered}, pending {status.AssetsPendingSnapshot}, connections {status.Connections.Count}; " +
                $"discovery pending {Recorder.Discovery.Statistics.MarketsPending}, last error {Recorder.Discovery.Statistics.LastError})");
        }
    }

    public void Step(int mutations)
    {
        lock (Simulator.Engine.Gate)
        {
            Simulator.Engine.Step(mutations);
        }
    }

    /// <summary>One mutation of every market: a briefly crossed book is uncrossed, and every asset gets a fresh group to check.</summary>
    public void MutateEveryMarket()
    {
        lock (Simulator.Engine.Gate)
        {
            foreach (var market in Simulator.Engine.Universe.Markets)
            {
                Simulator.Engine.Mutate(market);
            }
        }
    }

    /// <summary>
    /// Waits until the simulator has written every frame it published and the recorder has applied as many frames as
    /// were sent (book snapshots also follow trades, so a resubscribed asset's next snapshot is no barrier). The
    /// condition is re-read every few milliseconds: it is the synchronisation, the interval only paces the reading.
    /// On timeout the message accounts for every connection (<see cref="BarrierReport"/>), so a repeat says where a frame went.
    /// </summary>
    public async Task BarrierAsync()
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!(Simulator.Hub.PendingFrames == 0 && Recorder.Pipeline.Frames >= Simulator.Hub.Connections.Sum(c => c.FramesSent)))
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                var applied = Recorder.Pipeline.Frames;
                var pending = Simulator.Hub.PendingFrames;
                throw new TimeoutException(await BarrierReport.DescribeAsync(this, Simulator.Hub.Connections, applied, pending));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>
    /// Whether every pool connection is in a session the venue has answered (the venue always answers an opening
    /// subscription, with "[]" when it has no book to send) and no venue connection is left over from a closed one. A test
    /// must wait for this before it jumps a manual clock: the barrier cannot count an answer the venue has not produced
    /// yet, and a jump past FirstMessageGrace ends the unanswered session as stale, dropping the answer with its socket.
    /// </summary>
    public bool EverySessionAnswered()
    {
        var pool = Recorder.Pool.GetStatus().Connections;
        var open = Simulator.Hub.Connections.Where(c => c.Open).ToList();
        return pool.All(c => c.State == FeedState.Receiving) && open.Count == pool.Count && open.All(c => c.FramesSent > 0);
    }

    /// <summary>
    /// After a disconnect the frames in flight on the dropped socket are lost by design, so counts cannot say when
    /// the recorder has caught up: this waits until every token is Live with the simulator's true book instead.
    /// </summary>
    public async Task WaitForTrueBooksAsync(IReadOnlyCollection<string>? tokens = null)
    {
        tokens ??= Tokens;
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var truth = TrueBooks();
            var wrong = await Recorder.Pipeline.InvokeAsync(keeper => tokens.Count(id =>
                !keeper.TryGetAsset(id, out var asset)
                || asset.State != Domain.Continuity.ContinuityState.Live
                || !asset.Book.Bids.WireOrder.SequenceEqual(truth[id].Bids)
                || !asset.Book.Asks.WireOrder.SequenceEqual(truth[id].Asks)));
            if (wrong == 0)
            {
                return;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                var states = await Recorder.Pipeline.InvokeAsync(keeper => string.Join(", ", tokens.Select(id =>
                    keeper.TryGetAsset(id, out var asset) ? $"{asset.State}:{asset.Cause}" : "unknown").Where(s => s != "Live:Snapshot" && s != "Live:HashVerified")));
                var pool = Recorder.Pool.GetStatus();
                throw new TimeoutException(
                    $"{wrong} of {tokens.Count} tokens are not Live with the true book (states not live: {states}; pool delivered {pool.AssetsDelivered}, " +
                    $"pending {pool.AssetsPendingSnapshot}, connections {string.Join(" ", pool.Connections.Select(c => $"{c.Id}:{c.State}/{c.Assets}{(c.Replaces is null ? "" : "<" + c.Replaces)}"))})");
            }

            await PaceAsync();
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-reading it every few milliseconds. On a manual clock each look also
    /// moves the clock on by <see cref="PumpStep"/>, so reconnect backoffs and paced opens make progress; a test that needs a
    /// timeout to fire at a known time sets the step small or advances the clock itself.
    /// </summary>
    public async Task PumpUntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what} ({DescribePool()})");
            }

            await PaceAsync();
        }
    }

    /// <summary>
    /// The pool's counts and every connection (epoch, state, suspect, what it replaces, how its recent sessions ended), and
    /// the recorder's clock: for failure messages, so a count that is off says which connections took part.
    /// </summary>
    public string DescribePool()
    {
        var status = Recorder.Pool.GetStatus();
        var connections = status.Connections.Select(c =>
            $"{c.Id}#{c.Epoch} {c.State}/{c.Assets} assets/{c.Frames} frames{(c.Suspect ? " suspect" : "")}{(c.Replaces is null ? "" : " replacing " + c.Replaces)}" +
            (c.RecentSessionEnds.Count == 0 ? "" : $" ended [{string.Join(", ", c.RecentSessionEnds.Select(e => $"#{e.Epoch} {e.Reason}"))}]"));
        return $"pool: delivered {status.AssetsDelivered} of {status.AssetsDesired}, pending {status.AssetsPendingSnapshot}, not delivering {status.AssetsNotDelivering}, " +
            $"snapshot retries {status.SnapshotRetries}, moves {status.AssetMoves}, replacements {status.Replacements}, stale ends {status.StaleSessionEnds}; " +
            $"connections {string.Join("; ", connections)}; recorder clock {Clock.GetUtcNow():HH:mm:ss.fff}";
    }

    /// <summary>How far <see cref="PumpUntilAsync"/> moves a manual clock per look.</summary>
    public TimeSpan PumpStep { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// When above zero, every this many looks the waits trade (30 mutations) and move a manual clock by a second: recovery
    /// that needs both trades (snapshots, trade prices) and timeouts then makes progress without any feed looking silent.
    /// </summary>
    public int TradeEveryLooks { get; set; }

    private int _looks;

    /// <summary>A few milliseconds of real time between looks at a condition; on a manual clock the clock moves on a step too.</summary>
    private async Task PaceAsync()
    {
        var manual = Clock as ManualTimeProvider;
        manual?.Advance(PumpStep);
        if (TradeEveryLooks > 0 && ++_looks % TradeEveryLooks == 0)
        {
            Step(30);
            manual?.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
    }

    /// <summary>The simulator's true book of each token, as levels in wire order.</summary>
    public Dictionary<string, (BookLevel[] Bids, BookLevel[] Asks)> TrueBooks() => Simulator.TrueBooks(Tokens);

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
