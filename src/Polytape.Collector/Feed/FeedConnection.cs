using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Polytape.Collector.Feed;

/// <summary>
/// One market-channel WebSocket, kept alive for as long as it runs: connect, send the desired subscription
/// set (authoritative, replayed on every reconnect, in frames of at most <see cref="FeedOptions.MaxIdsPerFrame"/>
/// ids), text PING every 10 s, and hand every received text frame to the sink with its receive time,
/// epoch and per-connection sequence. A session ends on close, error, oversized frame or staleness (no
/// data while subscribed; PONG alone does not count, since stalled sockets keep answering it), and the
/// connection reconnects with capped, jittered exponential backoff that resets once data flows again.
/// One loop owns the receive side, one the send side; subscribe/unsubscribe reach it through a channel.
/// </summary>
public sealed partial class FeedConnection
{
    private readonly FeedOptions _options;
    private readonly IFeedSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<ClientWebSocket> _socketFactory;
    private readonly Func<CancellationToken, ValueTask>? _beforeConnect;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly HashSet<string> _desired = new(StringComparer.Ordinal);

    // Commands are rare (discovery changes); a bound still keeps a runaway caller from growing memory,
    // and Wait makes such a caller slow down instead of losing a subscription change.
    private readonly Channel<FeedCommand> _commands = Channel.CreateBounded<FeedCommand>(new BoundedChannelOptions(1_024)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <param name="beforeConnect">Awaited before every connect attempt: a pool paces handshakes with it (§8.6).</param>
    public FeedConnection(string id, FeedOptions options, IFeedSink sink, TimeProvider time, ILogger? logger = null, Func<ClientWebSocket>? socketFactory = null, Func<CancellationToken, ValueTask>? beforeConnect = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Id = id;
        _options = options;
        _sink = sink;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
        _beforeConnect = beforeConnect;
        _random = new Random(HashCode.Combine(id, time.GetTimestamp()));
        _staleAfterTicks = options.StaleAfter.Ticks;
    }

    public string Id { get; }

    public FeedState State { get; private set; }

    /// <summary>Grows with every session; frames carry it so consumers know which session they came from.</summary>
    public int Epoch { get; private set; }

    public long Reconnects { get; private set; }

    public long FramesReceived { get; private set; }

    /// <summary>How often the control loop woke from its wait (deadlines and commands): shows that it sleeps between them.</summary>
    internal long ControlWakeUps { get; private set; }

    /// <summary>When the last data frame (anything but PONG) arrived, in any session; read from other threads.</summary>
    public DateTimeOffset? LastDataAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastDataTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        private set => Interlocked.Exchange(ref _lastDataTicks, value?.UtcTicks ?? 0);
    }

    private long _lastDataTicks;

    /// <summary>
    /// The silence that ends a session as stale; starts at <see cref="FeedOptions.StaleAfter"/>. A pool raises it for a
    /// connection whose assets proved quiet, so the watchdog stays behind the pool's longer allowance. Any thread.
    /// </summary>
    public TimeSpan StaleAfter
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _staleAfterTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            if (Interlocked.Exchange(ref _staleAfterTicks, value.Ticks) > value.Ticks)
            {
                // Lowered: the control loop sleeps until the old, later deadline; wake it to judge by the new one.
                _commands.Writer.TryWrite(FeedCommand.WakeUp);
            }
        }
    }

    private long _staleAfterTicks;

    /// <summary>
    /// Whether a stop (cancellation) closes gracefully: Close frame, then frames keep reaching the sink until the server's
    /// Close or <see cref="FeedOptions.CloseTimeout"/>. Off: the socket is aborted at once. Any thread.
    /// </summary>
    public bool DrainOnClose
    {
        get => Volatile.Read(ref _drainOnClose);
        set => Volatile.Write(ref _drainOnClose, value);
    }

    private bool _drainOnClose = true;

    public int DesiredCount
    {
        get
        {
            lock (_gate)
            {
                return _desired.Count;
            }
        }
    }

    public IReadOnlyCollection<string> DesiredAssets()
    {
        lock (_gate)
        {
            return [.. _desired];
        }
    }

    /// <summary>Adds assets to the desired set; a live session subscribes them without reconnecting.</summary>
    public ValueTask SubscribeAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(assetIds, subscribe: true, cancellationToken);

    public ValueTask UnsubscribeAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(assetIds, subscribe: false, cancellationToken);

    private ValueTask ChangeAsync(IEnumerable<string> assetIds, bool subscribe, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        lock (_gate)
        {
            foreach (var id in assetIds)
            {
                if (subscribe ? _desired.Add(id) : _desired.Remove(id))
                {
                    changed.Add(id);
                }
            }
        }

        return changed.Count == 0
            ? ValueTask.CompletedTask
            : _commands.Writer.WriteAsync(new FeedCommand(subscribe, changed), cancellationToken);
    }

    /// <summary>Runs sessions until cancelled; cancellation is a normal stop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay, _random);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (_, _, receivedData) = await RunSessionAsync(cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (receivedData)
                {
                    backoff.Reset();
                }

                State = FeedState.Reconnecting;
                Reconnects++;
                var delay = backoff.Next();
                Log.Reconnecting(_logger, Id, delay, backoff.Attempts);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            State = FeedState.Stopped;
        }
    }

    private readonly record struct FeedCommand(bool Subscribe, List<string> AssetIds)
    {
        /// <summary>No ids, so nothing is sent: it only wakes the control loop to re-judge its PING and stale deadlines.</summary>
        public static readonly FeedCommand WakeUp = new(Subscribe: false, AssetIds: []);
    }
}
