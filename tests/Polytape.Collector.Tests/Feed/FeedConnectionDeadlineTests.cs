using Polytape.Collector.Feed;
using Polytape.Collector.Tests.Subscriptions;
using Polytape.Simulator.Hosting;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Feed;

/// <summary>
/// The control loop sleeps until its next PING or stale deadline (or a command) instead of polling: PINGs keep their
/// interval, staleness is judged just past its limit, data pushes the verdict out, and commands go out at once.
/// The manual clock never moves on its own, so every send here was caused by a deadline or a command.
/// </summary>
public sealed class FeedConnectionDeadlineTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingFeedSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private PolymarketSimulator _simulator = null!;
    private string[] _tokens = [];

    public async Task InitializeAsync() => (_simulator, _tokens) = await PoolVenue.StartWithTokensAsync(seed: 11, markets: 6);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _simulator.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task With_no_other_traffic_a_PING_goes_out_every_PingInterval_and_the_loop_wakes_only_for_it()
    {
        var (feed, run) = await StartedAsync();

        _clock.Advance(PingInterval);
        await _sink.NextFrameAsync(t => t == "PONG");
        _clock.Advance(PingInterval);
        await _sink.NextFrameAsync(t => t == "PONG");

        Assert.Equal(2, ClientFrames().Count(f => f == "PING"));

        // A 1 s polling tick would have woken 20 times; the deadline loop wakes once per PING at most.
        Assert.InRange(feed.ControlWakeUps, 0, 2); // 0 when an Advance beat the first arming (then re-judged without a wait)
        await StopAsync(run);
    }

    [Fact]
    public async Task No_PING_goes_out_before_PingInterval()
    {
        var (feed, run) = await StartedAsync();

        _clock.Advance(PingInterval - OneMillisecond);

        // Two commands in a row: a PING sent at this time (woken by a deadline or by the first command) reaches the
        // server before the second subscribe, whose answer therefore proves the server has seen it.
        await feed.SubscribeAsync([_tokens[2]]);
        await _sink.NextFrameAsync(t => t.Contains(_tokens[2], StringComparison.Ordinal));
        await feed.SubscribeAsync([_tokens[3]]);
        await _sink.NextFrameAsync(t => t.Contains(_tokens[3], StringComparison.Ordinal));
        Assert.DoesNotContain("PING", ClientFrames());

        _clock.Advance(OneMillisecond);
        await _sink.NextFrameAsync(t => t == "PONG");
        Assert.Single(ClientFrames(), f => f == "PING");
        await StopAsync(run);
    }

    [Fact]
    public async Task A_session_silent_for_StaleAfter_ends_stale_within_a_millisecond()
    {
        var (feed, run) = await StartedAsync(); // the initial dump is the last data, at the session's start

        _clock.Advance(StaleAfter);
        _clock.Advance(OneMillisecond);

        var ended = await _sink.NextEndAsync();
        Assert.Equal((1, FeedDisconnectReason.Stale), (ended.Epoch, ended.Reason));
        Assert.Equal("no market data for 60 s while subscribed", ended.Detail);
        Assert.InRange(feed.ControlWakeUps, 0, 8); // six PINGs and the verdict at most, not sixty ticks
        await StopAsync(run);
    }

    [Fact]
    public async Task A_session_with_no_first_message_ends_stale_just_after_the_grace()
    {
        _simulator.Faults.SilentStall = true; // the socket opens, but no data ever comes
        var (_, run) = await StartedAsync(awaitDump: false);

        _clock.Advance(Grace);
        _clock.Advance(OneMillisecond);

        var ended = await _sink.NextEndAsync();
        Assert.Equal((1, FeedDisconnectReason.Stale), (ended.Epoch, ended.Reason));
        Assert.Equal("no market data for 20 s while subscribed", ended.Detail);
        await StopAsync(run);
    }

    [Fact]
    public async Task Data_before_the_stale_deadline_pushes_the_verdict_out()
    {
        var (feed, run) = await StartedAsync();

        _clock.Advance(TimeSpan.FromSeconds(50));
        await feed.SubscribeAsync([_tokens[5]]); // its book is the only data after the first dump: one frame, at 50 s
        await _sink.NextFrameAsync(t => t.Contains(_tokens[5], StringComparison.Ordinal));

        // The loop slept towards 60 s (the verdict as of the dump); it wakes there, sees the new data and sleeps on.
        // A false verdict here would end the session with 15 s of silence, and be the first end on record.
        _clock.Advance(TimeSpan.FromSeconds(15));
        _clock.Advance(TimeSpan.FromSeconds(45));
        _clock.Advance(OneMillisecond);

        var ended = await _sink.NextEndAsync();
        Assert.Equal((1, FeedDisconnectReason.Stale), (ended.Epoch, ended.Reason));
        Assert.Equal("no market data for 60 s while subscribed", ended.Detail);
        await StopAsync(run);
    }

    [Fact]
    public async Task A_command_arriving_while_the_loop_sleeps_is_sent_at_once_and_the_PING_deadline_holds()
    {
        var (feed, run) = await StartedAsync();

        // The clock does not move: only the command can wake the loop.
        await feed.SubscribeAsync([_tokens[4]]);
        await _sink.NextFrameAsync(t => t.Contains(_tokens[4], StringComparison.Ordinal));
        Assert.Contains(ClientFrames(), f => f.Contains("\"operation\":\"subscribe\"", StringComparison.Ordinal) && f.Contains(_tokens[4], StringComparison.Ordinal));
        Assert.DoesNotContain("PING", ClientFrames());

        _clock.Advance(PingInterval);
        await _sink.NextFrameAsync(t => t == "PONG");
        Assert.Single(ClientFrames(), f => f == "PING");
        await StopAsync(run);
    }

    [Fact]
    public async Task Lowering_StaleAfter_while_the_loop_sleeps_takes_effect_at_once()
    {
        var (feed, run) = await StartedAsync(staleAfter: TimeSpan.FromMinutes(10));
        _clock.Advance(PingInterval);
        await _sink.NextFrameAsync(t => t == "PONG"); // the loop is up, going to sleep until the next PING at 20 s

        feed.StaleAfter = TimeSpan.FromSeconds(5); // 10 s silent: already past it, and the clock will not move again

        var ended = await _sink.NextEndAsync();
        Assert.Equal((1, FeedDisconnectReason.Stale), (ended.Epoch, ended.Reason));
        Assert.Equal("no market data for 10 s while subscribed", ended.Detail);
        await StopAsync(run);
    }

    private async Task<(FeedConnection Feed, Task Run)> StartedAsync(bool awaitDump = true, TimeSpan? staleAfter = null)
    {
        var feed = new FeedConnection("deadline-1", new FeedOptions
        {
            Endpoint = _simulator.MarketWebSocketUri,
            PingInterval = PingInterval,
            StaleAfter = StaleAfter,
            FirstMessageGrace = Grace,
        }, _sink, _clock);
        feed.StaleAfter = staleAfter ?? StaleAfter;
        await feed.SubscribeAsync(_tokens.Take(2));
        var run = feed.RunAsync(_stop.Token);
        Assert.Equal((1, 2), await _sink.NextStartAsync());
        if (awaitDump)
        {
            await _sink.NextFrameAsync(t => t.StartsWith('['));
        }

        return (feed, run);
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private IReadOnlyList<string> ClientFrames() => _simulator.Hub.Connections.Single(c => c.Open).RecentClientFrames;
}
