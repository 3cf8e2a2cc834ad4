using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Subscriptions;

/// <summary>
/// The subscription planner: spreads the desired asset set over market-channel connections of at most
/// <see cref="FeedPoolOptions.MaxAssetsPerConnection"/> assets (filling existing connections before opening
/// new ones, opens paced across the pool), changes subscriptions without reconnecting, closes connections
/// that empty, and keeps every asset delivering: an asset without a book snapshot is resubscribed, then
/// moved; a suspect connection is replaced make-before-break; repeated stale sessions request a discovery
/// refresh. It is the sink of its connections and hands every frame on to the downstream sink untouched.
/// Changes are serialised by one planning lock; the state the connections' callbacks touch sits under a
/// plain lock that is never held across an await.
/// </summary>
public sealed partial class FeedPool : IFeedSink, IDisposable
{
    // A uint256 in decimal has at most 78 digits; a little room beyond costs nothing on the stack.
    private const int MaxAssetIdChars = 96;

    private readonly FeedPoolOptions _options;
    private readonly IFeedSink _downstream;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IArchiveAppender? _archive;
    private readonly Func<ClientWebSocket>? _socketFactory;
    private readonly ConnectionOpenPacer _pacer;
    private readonly SemaphoreSlim _planning = new(1, 1);
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private readonly Dictionary<string, AssetSlot> _assets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssetSlot>.AlternateLookup<ReadOnlySpan<char>> _assetsBySpan;
    private readonly HashSet<AssetSlot> _unsettled = [];
    private readonly Dictionary<string, PooledConnection> _connections = new(StringComparer.Ordinal);
    private readonly List<PooledConnection> _order = [];
    private readonly List<Task> _runs = [];
    private readonly Queue<DateTimeOffset> _recentStaleEnds = new();
    private readonly int[] _deliveryCounts = new int[4];
    private CancellationToken? _running;
    private int _nextConnection;
    private long _snapshotRetries;
    private long _moves;
    private long _staleEnds;
    private long _replacements;
    private long _refreshes;
    private long _resubscriptions;
    private long _quietBackoffs;

    // Coalescing wake-up for the supervisor (a session ended stale, a replacement started): capacity 1, extra writes dropped.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Session starts are reported from connection loops that must not block, and the archive never drops, so records
    // queue here without a bound for one writer. They follow subscription changes, not frames: a full-universe start
    // makes ~5,000 (1,500 connections × a session and a few changes).
    private readonly Channel<SubscriptionChange> _records = Channel.CreateUnbounded<SubscriptionChange>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    public FeedPool(
        FeedPoolOptions options,
        IFeedSink downstream,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IArchiveAppender? archive = null,
        Func<ClientWebSocket>? socketFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(downstream);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _downstream = downstream;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<FeedPool>();
        _archive = archive;
        _socketFactory = socketFactory;
        _assetsBySpan = _assets.GetAlternateLookup<ReadOnlySpan<char>>();
        _pacer = new ConnectionOpenPacer(TimeSpan.FromSeconds(1 / options.ConnectionOpensPerSecond), options.ThrottledOpenDelay, options.ThrottledOpenMaxDelay, time);
    }

    /// <summary>
    /// Raised (on a connection's thread) when <see cref="FeedPoolOptions.StaleReconnectsBeforeDiscoveryRefresh"/>
    /// stale session ends fall within <see cref="FeedPoolOptions.StaleReconnectWindow"/>: dead assets are the usual cause.
    /// </summary>
    public event Action? DiscoveryRefreshRequested;

    /// <summary>Adds assets to the desired set; those already in it are left where they are.</summary>
    public ValueTask AddAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        return AddGroupsAsync(assetIds.Select(id => (IReadOnlyList<string>)[id]), cancellationToken);
    }

    /// <summary>
    /// Adds assets in groups that share a connection: the outcomes of one market, since the venue sends a market's
    /// events (a price_change carries every outcome's entries) to each connection subscribed to any of them.
    /// </summary>
    public async ValueTask AddGroupsAsync(IEnumerable<IReadOnlyList<string>> groups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        await _planning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new Changes();
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var withRoom = _order.Where(c => c.HasRoom(_options.MaxAssetsPerConnection)).ToList();
                var next = 0;
                foreach (var group in groups)
                {
                    var fresh = group.Where(id => !_assets.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
                    if (fresh.Count == 0)
                    {
                        continue;
                    }

                    // A group larger than a connection (never for a market) is split rather than refused.
                    var needed = Math.Min(fresh.Count, _options.MaxAssetsPerConnection);
                    while (next < withRoom.Count && !withRoom[next].HasRoom(_options.MaxAssetsPerConnection, needed))
                    {
                        next++;
                    }

                    foreach (var id in fresh)
                    {
                        if (next == withRoom.Count)
                        {
                            withRoom.Add(NewConnection("assets added", changes));
                        }

                        var slot = new AssetSlot(id);
                        _assets.Add(id, slot);
                        _deliveryCounts[(int)AssetDelivery.Waiting]++;
                        _unsettled.Add(slot);
                        Assign(slot, withRoom[next], now);
                        changes.Subscribe(withRoom[next], id);
                        while (next < withRoom.Count && !withRoom[next].HasRoom(_options.MaxAssetsPerConnection) && id != fresh[^1])
                        {
                            next++;
                        }
                    }
                }
            }

            await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _planning.Release();
        }
    }

    /// <summary>Removes assets from the desired set: unsubscribed without reconnecting; a connection left empty is closed.</summary>
    public async ValueTask RemoveAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        await _planning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new Changes();
            lock (_gate)
            {
                foreach (var id in assetIds)
                {
                    if (!_assets.Remove(id, out var slot))
                    {
                        continue;
                    }

                    SetDelivery(slot, null, null);
                    var connection = slot.Connection;
                    connection.Assets.Remove(slot);
                    changes.Unsubscribe(connection, id);
                    if (connection.Replacement is { } replacement)
                    {
                        replacement.Assets.Remove(slot);
                        changes.Unsubscribe(replacement, id);
                    }
                }

                foreach (var connection in changes.Touched)
                {
                    if (connection.Assets.Count == 0 && connection.Replaces is null && !connection.Retired)
                    {
                        Retire(connection, "no assets left", changes);
                    }
                }
            }

            await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _planning.Release();
        }
    }

    /// <summary>A resync request (book verifier): unsubscribe and subscribe again on its connection, which yields a fresh snapshot.</summary>
    public async ValueTask ResubscribeAsync(string assetId, CancellationToken cancellationToken = default)
    {
        await _planning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new Changes();
            lock (_gate)
            {
                if (!_assets.TryGetValue(assetId, out var slot))
                {
                    return;
                }

                _resubscriptions++;
                Assign(slot, slot.Connection, _time.GetUtcNow());
                changes.Resubscribe(slot.Connection, assetId);
            }

            await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _planning.Release();
        }
    }

    /// <summary>
    /// A book snapshot for the asset arrived in session <paramref name="epoch"/> of the connection (called by the ingest
    /// pipeline, any thread): the asset is delivering. Snapshots from a connection the asset has left, or from an
    /// earlier session (still queued when the connection reconnected), are ignored.
    /// </summary>
    public void OnSnapshot(string connectionId, int epoch, string assetId) => OnSnapshot(connectionId, epoch, assetId.AsSpan());

    /// <summary>As <see cref="OnSnapshot(string, int, string)"/>, with the id as the frame's UTF-8 bytes: no string is made.</summary>
    public void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8)
    {
        // Asset ids are decimal uint256 values (at most 78 digits); anything longer is not one of ours.
        Span<char> id = stackalloc char[MaxAssetIdChars];
        if (assetIdUtf8.Length <= MaxAssetIdChars && System.Text.Encoding.UTF8.TryGetChars(assetIdUtf8, id, out var written))
        {
            OnSnapshot(connectionId, epoch, id[..written]);
        }
    }

    private void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<char> assetId)
    {
        lock (_gate)
        {
            if (!_assetsBySpan.TryGetValue(assetId, out var slot))
            {
                return;
            }

            var owner = slot.Connection;
            if (string.Equals(owner.Id, connectionId, StringComparison.Ordinal))
            {
                if (epoch != owner.Feed.Epoch)
                {
                    return;
                }

                slot.SnapshotFrom = owner;
                slot.Retries = 0;
                slot.ResubscribedHere = false;
                if (slot.Delivery != AssetDelivery.Delivered)
                {
                    SetDelivery(slot, AssetDelivery.Delivered, null);
                }
            }
            else if (owner.Replacement is { } replacement && string.Equals(replacement.Id, connectionId, StringComparison.Ordinal) && epoch == replacement.Feed.Epoch)
            {
                slot.SnapshotFrom = replacement;
            }
        }
    }

    /// <summary>The assets currently subscribed on one connection (empty for an unknown id).</summary>
    public IReadOnlyList<string> AssetsOf(string connectionId)
    {
        lock (_gate)
        {
            return _connections.TryGetValue(connectionId, out var connection) ? [.. connection.Assets.Select(a => a.Id)] : [];
        }
    }

    /// <summary>Assets that used up their retries without a snapshot.</summary>
    public IReadOnlyList<string> NotDeliveringAssets()
    {
        lock (_gate)
        {
            return [.. _unsettled.Where(a => a.Delivery == AssetDelivery.NotDelivering).Select(a => a.Id)];
        }
    }

    /// <summary>Runs the connections and the supervisor until cancelled, then stops every connection and archives the last records.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<PooledConnection> start;
        lock (_gate)
        {
            if (_running is not null)
            {
                throw new InvalidOperationException("The feed pool is already running; call RunAsync once.");
            }

            _running = cancellationToken;
            start = [.. _order];
        }

        StartAll(start);
        var writer = WriteRecordsAsync();
        try
        {
            await SuperviseLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
            _records.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync()
    {
        List<PooledConnection> all;
        Task[] runs;
        lock (_gate)
        {
            all = [.. _order];
            runs = [.. _runs];
        }

        foreach (var connection in all)
        {
            await CancelQuietlyAsync(connection).ConfigureAwait(false);
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private static async Task CancelQuietlyAsync(PooledConnection connection)
    {
        if (connection.Stop is { } stop)
        {
            try
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // Already stopped.
            }
        }
    }

    /// <summary>Makes a connection (not started); it subscribes what is assigned to it. Caller holds the gate.</summary>
    private PooledConnection NewConnection(string reason, Changes changes)
    {
        var id = $"c{++_nextConnection}";
        var feed = new FeedConnection(id, _options.Feed, this, _time, _loggerFactory.CreateLogger<FeedConnection>(), _socketFactory, _pacer.WaitTurnAsync);
        var connection = new PooledConnection(feed);
        _connections.Add(id, connection);
        _order.Add(connection);
        changes.Start(connection);
        Log.PoolConnectionOpened(_logger, id, reason);
        return connection;
    }

    /// <summary>
    /// Takes a connection out of the pool; it is stopped once the change is applied, and its close reads on until the
    /// server's Close, so frames in flight are archived (ingest does not let a snapshot among them take a book from
    /// the connection that now carries the asset). Caller holds the gate.
    /// </summary>
    private void Retire(PooledConnection connection, string reason, Changes changes)
    {
        connection.Retired = true;
        _connections.Remove(connection.Id);
        _order.Remove(connection);
        changes.Stop(connection);
        Log.PoolConnectionClosed(_logger, connection.Id, reason);
        if (connection.Replacement is { } replacement)
        {
            connection.Replacement = null;
            replacement.Replaces = null;
            Retire(replacement, "the connection it replaced was closed", changes);
        }

        if (connection.Replaces is { } original)
        {
            original.Replacement = null;
            connection.Replaces = null;
        }
    }

    /// <summary>Puts an asset on a connection (or re-arms it there): a snapshot is due if the connection is in a session. Caller holds the gate.</summary>
    private void Assign(AssetSlot slot, PooledConnection connection, DateTimeOffset now)
    {
        slot.Connection = connection;
        connection.Assets.Add(slot);
        if (connection.InSession)
        {
            SetDelivery(slot, AssetDelivery.Pending, now + _options.SnapshotTimeout);
        }
        else
        {
            SetDelivery(slot, AssetDelivery.Waiting, null);
        }
    }

    /// <summary>Moves a slot between delivery states, keeping the counts and the unsettled set; null forgets it. Caller holds the gate.</summary>
    private void SetDelivery(AssetSlot slot, AssetDelivery? delivery, DateTimeOffset? deadline)
    {
        _deliveryCounts[(int)slot.Delivery]--;

        if (delivery is not { } state)
        {
            _unsettled.Remove(slot);
            return;
        }

        slot.Delivery = state;
        slot.Deadline = deadline;
        _deliveryCounts[(int)state]++;
        if (state == AssetDelivery.Delivered)
        {
            _unsettled.Remove(slot);
        }
        else
        {
            _unsettled.Add(slot);
        }
    }

    /// <summary>
    /// Starts connections in pool order. Each runs synchronously up to its first wait, where it takes its
    /// handshake slot from the pacer, so connections open in the order they were made.
    /// </summary>
    private void StartAll(IEnumerable<PooledConnection> connections)
    {
        var starting = new List<PooledConnection>();
        lock (_gate)
        {
            if (_running is not { } running)
            {
                return;
            }

            foreach (var connection in connections)
            {
                if (connection.Stop is null && !connection.Retired)
                {
                    connection.Stop = CancellationTokenSource.CreateLinkedTokenSource(running);
                    starting.Add(connection);
                }
            }
        }

        foreach (var connection in starting)
        {
            var run = RunConnectionAsync(connection, connection.Stop!);
            lock (_gate)
            {
                connection.Run = run;
                _runs.Add(run);
            }
        }
    }

    /// <summary>Runs one connection until it is stopped; its linked token source is released with it (churn must not leak registrations).</summary>
    private static async Task RunConnectionAsync(PooledConnection connection, CancellationTokenSource stop)
    {
        try
        {
            await connection.Feed.RunAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>Releases the planning lock; call after <see cref="RunAsync"/> has completed.</summary>
    public void Dispose() => _planning.Dispose();

    /// <summary>Sends the planned subscription changes, starts new connections and stops retired ones (outside the gate).</summary>
    private async ValueTask ApplyAsync(Changes changes, CancellationToken cancellationToken)
    {
        foreach (var (connection, ids) in changes.Unsubscribes)
        {
            await connection.Feed.UnsubscribeAsync(ids, cancellationToken).ConfigureAwait(false);
            Record(connection, "unsubscribe", ids);
        }

        foreach (var (connection, ids) in changes.Subscribes)
        {
            await connection.Feed.SubscribeAsync(ids, cancellationToken).ConfigureAwait(false);
            Record(connection, "subscribe", ids);
        }

        foreach (var (connection, id) in changes.Resubscribes)
        {
            await connection.Feed.UnsubscribeAsync([id], cancellationToken).ConfigureAwait(false);
            await connection.Feed.SubscribeAsync([id], cancellationToken).ConfigureAwait(false);
            Record(connection, "unsubscribe", [id]);
            Record(connection, "subscribe", [id]);
        }

        StartAll(changes.Started);
        foreach (var connection in changes.Stopped)
        {
            await CancelQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    private void Record(PooledConnection connection, string operation, IReadOnlyCollection<string> assets) =>
        Record(connection.Id, connection.Feed.Epoch, operation, assets);

    private void Record(string connectionId, int epoch, string operation, IReadOnlyCollection<string> assets)
    {
        if (_archive is not null)
        {
            // Unbounded: fails only after the pool completed the queue at stop, when nothing is subscribed any more.
            _records.Writer.TryWrite(new SubscriptionChange(connectionId, epoch, operation, [.. assets]));
        }
    }

    private async Task WriteRecordsAsync()
    {
        var failed = false;
        await foreach (var change in _records.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_archive is null || failed)
            {
                continue;
            }

            try
            {
                await _archive.AppendAsync(change.ToRecord()).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArchiveException or InvalidOperationException or ObjectDisposedException)
            {
                // The archive stopped (disk full, shut down): it reports why; the feed keeps running.
                failed = true;
                Log.PoolRecordsFailed(_logger, ex);
            }
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);
}
