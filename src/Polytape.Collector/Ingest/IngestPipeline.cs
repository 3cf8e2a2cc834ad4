using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive;
using Polytape.Archive.Flow;
using Polytape.Collector.Books;
using Polytape.Collector.Feed;
using Polytape.Collector.Observability;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>
/// The ingest sequencer. Every feed connection hands its frames here; one loop (<see cref="RunAsync"/>) owns the
/// parser and the book keeper, applies each frame, archives its exact bytes, then archives the continuity
/// transitions the frame caused, and returns the frame's buffer. Session starts and ends, and work other components
/// run against the keeper (<see cref="InvokeAsync{T}"/>), travel through the same queue, so they happen in order with
/// the frames around them. <see cref="CompleteAsync"/> drains everything queued and flushes keeper and archive.
/// </summary>
public sealed partial class IngestPipeline : IFeedSink, IDisposable
{
    private readonly IArchiveAppender _archive;
    private readonly TimeProvider _time;
    private readonly IngestOptions _options;
    private readonly PolytapeMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly MarketFrameParser _parser = new();
    private readonly AssetOwnership _ownership;
    private readonly IngestHandler _handler;
    private readonly ContinuityRecords _records = new();
    private readonly List<ContinuityTransition> _transitions = [];

    // One queue for frames and work, so work stays in order with frames. Frames may only enter while they hold their
    // bytes of the budget: a full queue makes OnFrameAsync wait (backpressure on the socket readers, never a drop).
    // Session notices and work bypass the bound: they are rare, some come from synchronous callbacks that must not
    // block, and they must not queue behind a bound they would then overtake.
    private readonly Channel<IngestItem> _queue = Channel.CreateUnbounded<IngestItem>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly ByteBudget _budget;

    // Whoever applies frames holds the turn: the loop while it drains the queue, or a receiving thread applying a frame
    // that found nothing queued (IngestOptions.ApplyOnReceivingThreadWhenIdle). Waiters are resumed asynchronously.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _frames;
    private long _bytes;
    private long _lateFrames;
    private long _continuityRecords;
    private long _lastLatencyMicros;
    private int _running;
    private int _queued;
    private bool _accepting;
    private bool _completing;
    private long _framesAppliedOnReceivingThread;
    private CancellationToken _runToken;
    private Exception? _receivingThreadFailure;
    private ContinuitySummary _summary = ContinuitySummary.Empty;

    public IngestPipeline(
        IArchiveAppender archive,
        TimeProvider time,
        IngestOptions? options = null,
        BookKeeperOptions? keeperOptions = null,
        PolytapeMetrics? metrics = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new IngestOptions();
        _options.Validate();
        _archive = archive;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        _budget = new ByteBudget(_options.QueueCapacityBytes);
        Keeper = new BookKeeper(keeperOptions, new TransitionBuffer(_transitions));
        _ownership = new AssetOwnership(Keeper);
        _handler = new IngestHandler(Keeper, _ownership);
    }

    /// <summary>Frames taken off the queue and applied.</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>Payload bytes of those frames.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Frames applied on the thread that received them, without a hand-off to the loop.</summary>
    public long FramesAppliedOnReceivingThread => Volatile.Read(ref _framesAppliedOnReceivingThread);

    /// <summary>Frames offered after <see cref="CompleteAsync"/> (during shutdown); returned unarchived.</summary>
    public long LateFrames => Volatile.Read(ref _lateFrames);

    public long ContinuityRecords => Volatile.Read(ref _continuityRecords);

    /// <summary>Frames and work waiting for the loop.</summary>
    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>Bytes of the frames waiting (each charged <see cref="IngestOptions.PerFrameOverheadBytes"/> more).</summary>
    public long QueueBytes => _budget.Held;

    /// <summary>Receive → applied latency of the last frame, in microseconds.</summary>
    public long LastLatencyMicros => Volatile.Read(ref _lastLatencyMicros);

    /// <summary>Events from a connection that did not own the asset's book (overlapping subscriptions), not applied.</summary>
    public long ForeignEventsSkipped => _handler.ForeignEventsSkipped;

    /// <summary>Assets by continuity state and check failures, as of the last group check (refreshed by the loop).</summary>
    public ContinuitySummary Continuity => Volatile.Read(ref _summary);

    /// <summary>The parser's counts (frames by kind, events by type, schema drift). Written by the loop only.</summary>
    public MarketChannelStatistics Statistics => _parser.Statistics;

    /// <summary>Completes when the loop has stopped (after <see cref="CompleteAsync"/> or cancellation); faults with what stopped it otherwise.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Owned by the loop: touch it only inside <see cref="InvokeAsync{T}"/>.</summary>
    internal BookKeeper Keeper { get; }

    /// <summary>Tells the pool of snapshots and discovery of market notices. Set before <see cref="RunAsync"/>.</summary>
    public void SetObservers(IAssetDeliveryObserver? deliveries, IMarketNoticeObserver? notices)
    {
        _handler.Deliveries = deliveries;
        _handler.Notices = notices;
    }

    public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken)
    {
        if (_options.ApplyOnReceivingThreadWhenIdle && Volatile.Read(ref _queued) == 0 && _turn.Wait(0, CancellationToken.None))
        {
            // Re-checked under the turn: a frame queued meanwhile, or work, must go first.
            if (Volatile.Read(ref _queued) == 0 && Volatile.Read(ref _accepting))
            {
                return ApplyHereAsync(frame);
            }

            _turn.Release();
        }

        return EnqueueAsync(frame, cancellationToken);
    }

    private async ValueTask EnqueueAsync(ReceivedFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _budget.AcquireAsync(Charge(frame), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            frame.Release();
            throw;
        }

        if (!TryQueue(new IngestItem(frame, null)))
        {
            _budget.Release(Charge(frame));
            frame.Release();
            Interlocked.Increment(ref _lateFrames);
        }
    }

    public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds) =>
        Post(new SessionStartedWork(connectionId, epoch, assetIds, NowMicros()));

    public void OnSessionClosing(string connectionId, int epoch) =>
        Post(new SessionClosingWork(connectionId));

    public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail) =>
        Post(new SessionEndedWork(connectionId, epoch, reason, detail, NowMicros()));

    /// <summary>
    /// Runs <paramref name="work"/> on the ingest loop with the book keeper, after every frame queued before it.
    /// Continuity transitions it causes are archived. Keep it short: frames wait meanwhile.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<BookKeeper, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new InvokeWork<T>(work);
        if (!TryQueue(new IngestItem(default, item)))
        {
            return Task.FromException<T>(new InvalidOperationException("The ingest pipeline is complete: it runs no more work."));
        }

        return item.Result.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting frames, lets the loop apply and archive everything queued, then flushes the archive.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _completing, true);
        Volatile.Write(ref _accepting, false);
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _running) != 0)
        {
            await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_archive is ArchiveWriter writer)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Call after the loop stopped (<see cref="Completion"/>).</summary>
    public void Dispose()
    {
        _records.Dispose();
        _turn.Dispose();
    }

    private void Post(IngestWork work)
    {
        if (!TryQueue(new IngestItem(default, work)))
        {
            work.Abandon();
        }
    }

    /// <summary>Counted before it is written, so a receiving thread never sees an empty queue while an item is on its way in.</summary>
    private bool TryQueue(IngestItem item)
    {
        Interlocked.Increment(ref _queued);
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    private bool TryTake(out IngestItem item)
    {
        if (!_queue.Reader.TryRead(out item))
        {
            return false;
        }

        Interlocked.Decrement(ref _queued);
        return true;
    }

    private static long Charge(in ReceivedFrame frame) => frame.Length + IngestOptions.PerFrameOverheadBytes;

    private long NowMicros() => ArchiveRecord.ToMicros(_time.GetUtcNow());

    /// <summary>A frame (when <see cref="Work"/> is null) or work for the loop.</summary>
    private readonly record struct IngestItem(ReceivedFrame Frame, IngestWork? Work);

    /// <summary>Collects the keeper's transitions during a frame; the loop archives them after the frame.</summary>
    private sealed class TransitionBuffer(List<ContinuityTransition> transitions) : IContinuityObserver
    {
        public void OnTransition(in ContinuityTransition transition) => transitions.Add(transition);
    }
}
