using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// One market-channel connection. The receive loop owns reading and the subscription set; the send loop
/// owns writing and drains one bounded queue of shared frames, so snapshots, events, control replies and
/// the close reach the client in one order. Subscription changes happen under the engine's gate, where
/// the engine publishes: a token's snapshot is queued before any later delta of it.
/// </summary>
internal sealed partial class MarketChannelSession : IDisposable
{
    private readonly WebSocket _socket;
    private readonly WriteCoalescingStream _stream;
    private readonly Action _abortConnection;
    private readonly MarketChannelHub _hub;
    private readonly MarketEngine _engine;
    private readonly SimulatorFaults _faults;
    private readonly TimeProvider _time;
    private readonly Channel<byte[]> _outbound;

    // Cancels both loops and the idle watchdog.
    private readonly CancellationTokenSource _stop = new();

    // Guarded by the engine's gate.
    private readonly Dictionary<SimulatedToken, int> _tokens = [];
    private readonly Dictionary<SimulatedMarket, MarketSubscription> _markets = [];
    private readonly HashSet<string> _unknownIds = new(StringComparer.Ordinal);
    private int _nextOrdinal;

    // Guarded by _truthLock (the send loop writes, ground-truth readers read).
    private readonly Lock _truthLock = new();
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _framesSent;
    private long _bytesSent;
    private MarketConnectionTruth? _final;

    private volatile bool _customFeatures;
    private volatile CloseIntent? _close;
    private volatile int _subscribedCount;
    private long _lastActivity;
    private long _closeRequestedAt;

    public MarketChannelSession(
        long id,
        string remoteEndPoint,
        WebSocket socket,
        WriteCoalescingStream stream,
        Action abortConnection,
        MarketChannelHub hub,
        MarketEngine engine,
        SimulatorFaults faults,
        TimeProvider time)
    {
        Id = id;
        RemoteEndPoint = remoteEndPoint;
        _socket = socket;
        _stream = stream;
        _abortConnection = abortConnection;
        _hub = hub;
        _engine = engine;
        _faults = faults;
        _time = time;
        ConnectedAt = time.GetUtcNow();
        _lastActivity = time.GetTimestamp();

        // Wait mode makes TryWrite fail when full: the venue closes a slow consumer (1013) rather than
        // dropping frames, which would corrupt the client's books without a trace.
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(hub.SendBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public long Id { get; }

    public string RemoteEndPoint { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>best_bid_ask, new_market and market_resolved are sent only when the client asked for them.</summary>
    public bool CustomFeatures => _customFeatures;

    /// <summary>Runs the connection until the client leaves, a fault or limit ends it, or the host stops.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var registration = stopping.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        var send = SendLoopAsync(_stop.Token);
        var idle = IdleWatchdogAsync(_stop.Token);
        CloseIntent end;
        try
        {
            end = await ReceiveLoopAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            end = stopping.IsCancellationRequested ? CloseIntent.ServerStopping : CloseIntent.ConnectionLost;
        }

        RequestClose(end);
        if (stopping.IsCancellationRequested)
        {
            // Never wait on a client while the host stops: a send stuck behind a reader that went away would hold it.
            _abortConnection();
        }

        await send.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await idle.ConfigureAwait(false);
    }

    /// <summary>Frames queued and not yet taken by the send loop (one batch may still be in the socket write).</summary>
    public int PendingFrames => _outbound.Reader.Count;

    /// <summary>Queues a frame; a full queue ends the session as a slow consumer. Any thread.</summary>
    public void Enqueue(byte[] frame)
    {
        if (!_outbound.Writer.TryWrite(frame) && _close is null)
        {
            RequestClose(CloseIntent.SlowConsumer);
        }
    }

    /// <summary>A subscribed market resolved: once every subscribed market has, the venue closes with 1000. Under the gate.</summary>
    public void OnMarketResolved()
    {
        if (_close is not null || _markets.Count == 0)
        {
            return;
        }

        foreach (var market in _markets.Keys)
        {
            if (market.Status != MarketStatus.Resolved)
            {
                return;
            }
        }

        RequestClose(CloseIntent.AllResolved);
    }

    /// <summary>The ground truth so far (or the final one once the session ended). Any thread.</summary>
    public MarketConnectionTruth Truth()
    {
        lock (_truthLock)
        {
            return _final ?? Snapshot(open: true);
        }
    }

    /// <summary>Stops routing to this session and freezes its truth. Caller holds the engine's gate.</summary>
    public MarketConnectionTruth Finish()
    {
        foreach (var subscription in _markets.Values)
        {
            _hub.RemoveRoute(subscription);
        }

        _markets.Clear();
        lock (_truthLock)
        {
            return _final ??= Snapshot(open: false);
        }
    }

    /// <summary>After <see cref="Finish"/>: nothing can reach the session any more.</summary>
    public void Dispose()
    {
        _stop.Dispose();
        lock (_truthLock)
        {
            _digest.Dispose();
        }
    }

    /// <summary>Ends the session once; the first reason wins. Any thread.</summary>
    private void RequestClose(CloseIntent intent)
    {
        if (_close is not null)
        {
            return;
        }

        // Written before the intent is published, so the watchdog never sees a close without its start time.
        Volatile.Write(ref _closeRequestedAt, _time.GetTimestamp());
        if (Interlocked.CompareExchange(ref _close, intent, null) is not null)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        if (intent.Status is null)
        {
            // No close frame: stop both loops and the socket. The host then resets the TCP connection, so, as
            // with a live drop, frames still in flight may never reach the client.
            _socket.Abort();
            _stop.Cancel();
        }
    }

    private MarketConnectionTruth Snapshot(bool open)
    {
        Span<byte> hash = stackalloc byte[32];
        _digest.GetCurrentHash(hash);
        return new MarketConnectionTruth(
            Id, RemoteEndPoint, ConnectedAt, open, _subscribedCount, _framesSent, _bytesSent,
            Convert.ToHexStringLower(hash), _close?.Describe(), _clientFrames.Count, _clientFrames.Recent());
    }

    private readonly ClientFrameLog _clientFrames = new();

    private void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>How a socket loop ends when the peer vanishes, the socket is aborted or the host stops.</summary>
    private static bool IsConnectionEnd(Exception e) =>
        e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException;
}
