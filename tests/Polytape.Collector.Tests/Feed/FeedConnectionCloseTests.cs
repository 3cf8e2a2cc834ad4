using System.Text;
using Polytape.Collector.Feed;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Feed;

/// <summary>
/// A close the recorder decides (retire, replace, stop) sends a Close frame and keeps reading until the server's
/// answer, so frames the venue sent before it saw the Close still reach the sink; an unanswered close is bounded.
/// </summary>
public sealed class FeedConnectionCloseTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private PolymarketSimulator _simulator = null!;
    private SimulatedMarket _market = null!;

    public async Task InitializeAsync()
    {
        _simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 11, BinaryMarkets = 2, NegRiskEvents = 0, RollingCoins = [] },
        });
        lock (_simulator.Engine.Gate)
        {
            _market = _simulator.Engine.Universe.Markets[0];
        }
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task RecorderClose_HandsFramesAlreadySentToTheSink_UntilTheServerAnswers()
    {
        var sink = new HoldingSink();
        var feed = new FeedConnection("close-1", new FeedOptions { Endpoint = _simulator.MarketWebSocketUri }, sink, _clock);
        await feed.SubscribeAsync([_market.Yes.Id, _market.No.Id]);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await sink.Snapshot.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The venue writes a burst; the sink holds the first of it, so the rest waits in the socket when we decide to close.
        sink.HoldNext();
        lock (_simulator.Engine.Gate)
        {
            for (var i = 0; i < 40; i++)
            {
                _simulator.Engine.Mutate(_market);
            }
        }

        await sink.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var atDecision = sink.Frames;
        await stop.CancelAsync();
        sink.Release();
        await run.WaitAsync(TimeSpan.FromSeconds(30)); // the manual clock never moves: only the server's Close ends it

        var truth = Assert.Single(_simulator.Hub.Connections);
        Assert.True(sink.Frames > atDecision, $"frames after the decision to close: {sink.Frames} vs {atDecision}");
        Assert.Equal(truth.FramesSent, sink.Frames);
        Assert.Equal(FeedDisconnectReason.Stopped, sink.LastEnd);
        Assert.Equal(1, sink.Closings); // told before the drain, so ingest can keep its books from in-flight snapshots
        Assert.Contains("client closed", truth.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecorderClose_AgainstAServerThatNeverAnswers_EndsAtTheCloseTimeout()
    {
        await using var server = new SilentWebSocketServer();
        var sink = new HoldingSink();
        var feed = new FeedConnection("close-2", new FeedOptions { Endpoint = server.Uri, CloseTimeout = TimeSpan.FromSeconds(2) }, sink, _clock);
        await feed.SubscribeAsync([_market.Yes.Id]);
        using var stop = new CancellationTokenSource();
        var closeTimerArmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _clock.TimerCreated += () =>
        {
            if (stop.IsCancellationRequested)
            {
                closeTimerArmed.TrySetResult();
            }
        };
        var run = feed.RunAsync(stop.Token);
        await sink.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        await closeTimerArmed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(run.IsCompleted, "the close waits for the server's answer up to the timeout");
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(FeedDisconnectReason.Stopped, sink.LastEnd);
    }

    /// <summary>Counts frames; on request holds the next one until released (backpressure, as a busy pipeline applies).</summary>
    private sealed class HoldingSink : IFeedSink
    {
        private TaskCompletionSource? _hold;
        private int _frames;

        public TaskCompletionSource Snapshot { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Frames => Volatile.Read(ref _frames);

        public FeedDisconnectReason? LastEnd { get; private set; }

        public void HoldNext() => Volatile.Write(ref _hold, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Release() => Volatile.Read(ref _hold)?.TrySetResult();

        public async ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(frame.Bytes);
            frame.Release();
            Interlocked.Increment(ref _frames);
            if (text.Contains("\"book\"", StringComparison.Ordinal))
            {
                Snapshot.TrySetResult();
            }

            if (Volatile.Read(ref _hold) is { } hold && Held.TrySetResult())
            {
                await hold.Task;
            }
        }

        public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds) => Started.TrySetResult();

        public int Closings { get; private set; }

        public void OnSessionClosing(string connectionId, int epoch) => Closings++;

        public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail) => LastEnd = reason;
    }
}
