using System.Collections.Immutable;
using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>
/// Quiet backoff: quiet assets (snapshots, then nothing) must not churn connections, a stall must still be found
/// within the stated bound. Half an hour runs on a manual clock in 5 s steps; after each step the test lets every
/// session deliver its snapshots and runs supervision passes, so each outcome is decided by the clock alone.
/// </summary>
public sealed class FeedPoolQuietTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    // A connection's own stale timeout is its silence allowance plus this (Feed.StaleAfter 60 s − suspect silence 45 s).
    private static readonly TimeSpan StaleMargin = TimeSpan.FromSeconds(15);

    private readonly ManualTimeProvider _clock = new();
    private PoolVenue _venue = null!;

    public async Task InitializeAsync() => _venue = await PoolVenue.StartAsync(seed: 7, markets: 3);

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task QuietConnection_BacksOffToItsCap_ResetsOnData_AndAStallIsStillFound()
    {
        var (pool, sink) = Pool(Options());
        var quiet = _venue.Markets[0];
        var active = _venue.Markets[1];
        await pool.AddGroupsAsync([[quiet.Yes.Id, quiet.No.Id], [active.Yes.Id, active.No.Id]]);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await SettleAsync(pool, sink);

        // 30 minutes: the active market trades every step, the quiet one never. Without the backoff the quiet
        // connection would be replaced every 45 s (about 40 times); with it: 45 s, 90 s, 180 s, 360 s, then 10 min.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(30); elapsed += Step)
        {
            await TradeAsync(pool, sink, active);
            await StepAsync(pool, sink);
        }

        var status = pool.GetStatus();
        Assert.InRange(status.Replacements, 4, 7);
        Assert.True(status.QuietBackoffs >= 4, $"quiet backoffs: {status.QuietBackoffs}");
        Assert.Equal((0L, 0L), (status.StaleSessionEnds, status.DiscoveryRefreshesRequested));
        var quietConnection = ConnectionOf(pool, quiet.Yes.Id);
        Assert.Equal(TimeSpan.FromMinutes(10), status.Connections.Single(c => c.Id == quietConnection).SilenceAllowance);
        Assert.Equal(TimeSpan.FromSeconds(45), status.Connections.Single(c => c.Id == ConnectionOf(pool, active.Yes.Id)).SilenceAllowance);

        // The quiet market trades: the allowance is back at 45 s on the next pass.
        await TradeAsync(pool, sink, quiet);
        await pool.SuperviseAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(45), pool.GetStatus().Connections.Single(c => c.Id == quietConnection).SilenceAllowance);

        // Now its feed stalls while the market keeps trading: replaced after 45 s, as any delivering connection.
        _venue.Simulator.Faults.SilentAssets = ImmutableHashSet.Create(quiet.Yes.Id, quiet.No.Id);
        var replacements = pool.GetStatus().Replacements;
        var stalledFor = TimeSpan.Zero;
        while (pool.GetStatus().Replacements == replacements && stalledFor < TimeSpan.FromMinutes(5))
        {
            _venue.Mutate(quiet);
            await TradeAsync(pool, sink, active);
            _clock.Advance(Step);
            stalledFor += Step;
            await pool.SuperviseAsync(CancellationToken.None);
        }

        Assert.InRange(stalledFor, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(50));
        AssertBeingReplaced(pool, quietConnection);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task QuietConnectionAtItsCap_ThatStalls_IsReplacedWithinTheCap()
    {
        var (pool, sink) = Pool(Options() with { QuietConnectionMaxSilence = TimeSpan.FromMinutes(3) });
        var quiet = _venue.Markets[0];
        var active = _venue.Markets[1];
        await pool.AddGroupsAsync([[quiet.Yes.Id, quiet.No.Id], [active.Yes.Id, active.No.Id]]);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await SettleAsync(pool, sink);
        while (pool.GetStatus().Connections.All(c => c.SilenceAllowance < TimeSpan.FromMinutes(3)))
        {
            await TradeAsync(pool, sink, active);
            await StepAsync(pool, sink);
        }

        // At its cap, the quiet connection's feed stops although its market trades: found within the cap (3 min).
        var quietConnection = ConnectionOf(pool, quiet.Yes.Id);
        _venue.Simulator.Faults.SilentAssets = ImmutableHashSet.Create(quiet.Yes.Id, quiet.No.Id);
        var replacements = pool.GetStatus().Replacements;
        var stalledFor = TimeSpan.Zero;
        while (pool.GetStatus().Replacements == replacements && stalledFor < TimeSpan.FromMinutes(10))
        {
            _venue.Mutate(quiet);
            await TradeAsync(pool, sink, active);
            _clock.Advance(Step);
            stalledFor += Step;
            await pool.SuperviseAsync(CancellationToken.None);
        }

        Assert.InRange(stalledFor, Step, TimeSpan.FromMinutes(3) + Step);
        AssertBeingReplaced(pool, quietConnection);
        Assert.Equal(0, pool.GetStatus().StaleSessionEnds);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task WholePoolQuiet_StaleReconnectsBackOff_AndRequestOneDiscoveryRefresh()
    {
        var (pool, sink) = Pool(Options() with { StaleReconnectsBeforeDiscoveryRefresh = 2 });
        var refreshes = 0;
        pool.DiscoveryRefreshRequested += () => Interlocked.Increment(ref refreshes);
        await pool.AddGroupsAsync(_venue.Markets.Take(2).Select(m => (IReadOnlyList<string>)[m.Yes.Id, m.No.Id]));
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await SettleAsync(pool, sink);

        // Nothing trades for 30 minutes: nothing to compare against, so each connection's own stale timer decides.
        // Without the backoff: a stale reconnect per connection every minute (about 60) and a refresh every two.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(30); elapsed += Step)
        {
            await StepAsync(pool, sink);
        }

        var status = pool.GetStatus();
        var sessions = string.Join("\n", sink.Events().Where(e => e.Kind != PoolEventKind.Frame).Select(e => $"{e.Kind} {e.Connection}#{e.Epoch} {e.Reason} {e.Text}"));
        Assert.Equal(1, Volatile.Read(ref refreshes));
        Assert.Equal(1, status.DiscoveryRefreshesRequested);
        Assert.True(status.StaleSessionEnds is >= 4 and <= 14, $"{status.StaleSessionEnds} stale ends:\n{sessions}");
        Assert.True(status.QuietBackoffs >= 4, $"{status.QuietBackoffs} quiet backoffs:\n{sessions}");
        Assert.Equal(2, status.Connections.Count);
        Assert.All(status.Connections, c => Assert.Equal(TimeSpan.FromMinutes(10), c.SilenceAllowance));
        await stop.CancelAsync();
        await run;
    }

    /// <summary>
    /// Its replacement is open, or already took over: the venue answers a subscription to silent assets with "[]",
    /// which counts as the replacement delivering.
    /// </summary>
    private static void AssertBeingReplaced(FeedPool pool, string connection)
    {
        var connections = pool.GetStatus().Connections;
        Assert.True(connections.Any(c => c.Replaces == connection) || connections.All(c => c.Id != connection), $"{connection} is not being replaced");
    }

    /// <summary>Moves the clock one step, then lets sessions deliver their snapshots and replacements take over.</summary>
    private async Task StepAsync(FeedPool pool, PoolTestSink sink)
    {
        _clock.Advance(Step);
        for (var pass = 0; pass < 3; pass++)
        {
            await pool.SuperviseAsync(CancellationToken.None);
            await SettleAsync(pool, sink);
        }
    }

    /// <summary>
    /// Every connection either has its live session's snapshots and is not due to go stale (its watchdog runs on its
    /// own loop: a due one is awaited), or its session ended and it waits on its reconnect delay (on the manual clock:
    /// re-checked when a timer is armed, so the next step's advance reaches it).
    /// </summary>
    private Task SettleAsync(FeedPool pool, PoolTestSink sink) =>
        sink.WaitAsync(
            () => pool.GetStatus().Connections.All(c =>
                sink.Any(e => e.Kind == PoolEventKind.Ended && e.Connection == c.Id && e.Epoch == c.Epoch)
                    ? c.State == FeedState.Reconnecting
                    : c.State == FeedState.Receiving && sink.Snapshots(c.Id, c.Epoch).Count == c.Assets
                        && _clock.GetUtcNow() - c.LastDataAt <= c.SilenceAllowance + StaleMargin),
            "every session's snapshots or reconnect delay");

    /// <summary>The market trades and the connection holding it receives the change (stamped with the current time).</summary>
    private async Task TradeAsync(FeedPool pool, PoolTestSink sink, SimulatedMarket market)
    {
        var connection = ConnectionOf(pool, market.Yes.Id);
        var before = PriceChanges(sink, connection);
        _venue.Mutate(market);
        await sink.WaitAsync(() => PriceChanges(sink, connection) > before, $"a price change on {connection}");
    }

    private static int PriceChanges(PoolTestSink sink, string connection) =>
        sink.Count(e => e.Kind == PoolEventKind.Frame && e.Connection == connection && e.Text.Contains("price_change", StringComparison.Ordinal));

    private static string ConnectionOf(FeedPool pool, string asset) =>
        pool.GetStatus().Connections.Single(c => c.Replaces is null && pool.AssetsOf(c.Id).Contains(asset)).Id;


    /// <summary>The defaults that matter here (45 s suspect silence, 60 s stale, 10 min cap); opens unpaced, snapshot retries out of the way.</summary>
    private FeedPoolOptions Options() => new()
    {
        ConnectionOpensPerSecond = 1e9,
        MaxAssetsPerConnection = 2,
        Feed = new FeedOptions
        {
            Endpoint = _venue.Simulator.MarketWebSocketUri,
            StaleAfter = TimeSpan.FromSeconds(60),
            FirstMessageGrace = TimeSpan.FromSeconds(20),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(250),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        },
        SnapshotTimeout = TimeSpan.FromHours(2),
        SuspectConnectionSilence = TimeSpan.FromSeconds(45),
        QuietConnectionMaxSilence = TimeSpan.FromMinutes(10),
    };

    /// <summary>A pool whose sink also re-checks its waits whenever a timer is armed on the manual clock.</summary>
    private (FeedPool Pool, PoolTestSink Sink) Pool(FeedPoolOptions options)
    {
        var (pool, sink) = PoolVenue.Pool(options, _clock);
        _clock.TimerCreated += sink.Signal;
        return (pool, sink);
    }
}
