using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>
/// Keeps the <see cref="MarketCatalog"/> equal to what the options select on Gamma. Each refresh fetches the
/// selection, diffs it against the catalog, applies the difference, archives it (<c>catalog</c> /
/// <c>catalog_removed</c> records) and hands it to the <see cref="IDiscoveryListener"/>. <see cref="RunAsync"/>
/// refreshes every <see cref="DiscoveryOptions.RefreshInterval"/>, at once on <see cref="RequestRefresh"/>, and
/// applies market-channel notices (<see cref="OnNewMarketNotice(string, string?, IReadOnlyList{string})"/>,
/// <see cref="OnMarketResolved(string)"/>) as they come. All catalog changes happen one at a time.
/// </summary>
/// <remarks>
/// Rules: a refresh that fails changes nothing (a Gamma outage never empties the catalog). A listed market without
/// token ids, or (with <see cref="DiscoveryOptions.WaitForAcceptingOrders"/>) not yet accepting orders, is held back
/// and looked at again on every refresh until it is ready or <see cref="DiscoveryOptions.HydrationTimeout"/> passes.
/// A market removed on <c>market_resolved</c> is not re-added while Gamma's (minutes stale) lists still show it.
/// A market Gamma stops listing is removed at once, except after its end date, where it stays until end +
/// <see cref="DiscoveryOptions.ExpiryGrace"/> so the emptied book and <c>market_resolved</c> are still recorded.
/// </remarks>
public sealed partial class MarketDiscovery : IDisposable
{
    // Notices arrive at up to ~5/s (§2.9); this many queued means the loop is stuck, and a full refresh catches up.
    private const int NoticeQueueCapacity = 4_096;

    // Gamma's CDN serves lists up to ~5 minutes stale (§6): a market added from a notice is not removed for
    // missing from a list until twice that has passed.
    private static readonly TimeSpan NoticeGrace = TimeSpan.FromMinutes(10);

    private readonly GammaClient _gamma;
    private readonly DiscoveryOptions _options;
    private readonly IDiscoveryListener _listener;
    private readonly TimeProvider _time;
    private readonly IArchiveAppender? _archive;
    private readonly ILogger _logger;
    private readonly List<RollingPattern> _patterns;
    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly Channel<Notice> _notices;

    /// <summary>
    /// The notices in <see cref="_notices"/>, by kind and condition id. The venue broadcasts <c>new_market</c> to every
    /// connection, so at the whole universe's 1,500 connections each arrived 1,500 times, overflowed the queue and
    /// forced a full refresh; copies of a notice still waiting are now counted and dropped.
    /// </summary>
    private readonly ConcurrentDictionary<(NoticeKind Kind, string ConditionId), byte> _queuedNotices = new();
    private readonly Dictionary<string, PendingMarket> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _addedByNotice = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _tagIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _conditionIds;
    private readonly HashSet<string> _slugs;
    private int _refreshRequested;

    public MarketDiscovery(
        GammaClient gamma,
        DiscoveryOptions options,
        IDiscoveryListener listener,
        TimeProvider? timeProvider = null,
        IArchiveAppender? archive = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listener);
        options.EnsureValid();
        _gamma = gamma;
        _options = options;
        _listener = listener;
        _time = timeProvider ?? TimeProvider.System;
        _archive = archive;
        _logger = logger ?? NullLogger.Instance;
        _patterns = options.RollingPatterns.Select(RollingPattern.Parse).ToList();
        _conditionIds = new HashSet<string>(options.ConditionIds, StringComparer.OrdinalIgnoreCase);
        _slugs = new HashSet<string>(options.Slugs, StringComparer.Ordinal);

        // Producers never wait (TryWrite from the ingest thread); when full, a refresh is requested instead.
        _notices = Channel.CreateBounded<Notice>(new BoundedChannelOptions(NoticeQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public MarketCatalog Catalog { get; } = new();

    public DiscoveryStatistics Statistics { get; } = new();

    /// <summary>
    /// Fetches the selection from Gamma and applies the difference to the catalog; returns it (also given to the
    /// listener when not empty). Throws <see cref="GammaRequestException"/> when Gamma fails; the catalog is then unchanged.
    /// </summary>
    public async Task<DiscoveryChange> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Exchange(ref _refreshRequested, 0);
            var started = _time.GetUtcNow();
            Dictionary<string, ListedMarket> listed;
            try
            {
                listed = await FetchSelectionAsync(started, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GammaRequestException)
            {
                Statistics.Failed(_time.GetUtcNow(), ex.Message, refresh: true);
                throw;
            }

            var change = Diff(listed, _time.GetUtcNow());
            await PublishAsync(change, cancellationToken).ConfigureAwait(false);
            Statistics.Refreshed(_time.GetUtcNow());
            DiscoveryLog.Refreshed(_logger, Catalog.MarketCount, Catalog.TokenCount, change.Added.Count, change.Removed.Count, change.Changed.Count, _pending.Count);
            return change;
        }
        finally
        {
            _serial.Release();
        }
    }

    /// <summary>Asks <see cref="RunAsync"/> for a refresh now (the connection pool calls it after repeated stale reconnects). Requests coalesce.</summary>
    public void RequestRefresh()
    {
        if (Interlocked.Exchange(ref _refreshRequested, 1) == 0)
        {
            _notices.Writer.TryWrite(Notice.Refresh);
        }
    }

    /// <summary>Stops accepting notices; <see cref="RunAsync"/> returns once it has applied the queued ones.</summary>
    public void Dispose()
    {
        _notices.Writer.TryComplete();
        _serial.Dispose();
    }

    /// <summary>Applies a change: catalog first, then the archive, then the listener; updates the counters.</summary>
    private async Task PublishAsync(DiscoveryChange change, CancellationToken cancellationToken)
    {
        foreach (var removed in change.Removed)
        {
            Catalog.Remove(removed.Market.ConditionId, out _);
            _addedByNotice.Remove(removed.Market.ConditionId);
        }

        foreach (var market in change.Added)
        {
            Catalog.Upsert(market);
        }

        foreach (var changed in change.Changed)
        {
            Catalog.Upsert(changed.Current);
        }

        Statistics.Changed(
            change.Added.Sum(m => m.Tokens.Count),
            change.Removed.Sum(r => r.Market.Tokens.Count),
            Catalog.TokenCount,
            Catalog.MarketCount,
            _pending.Count);
        if (change.IsEmpty)
        {
            return;
        }

        if (_archive is not null)
        {
            var now = _time.GetUtcNow();
            foreach (var removed in change.Removed)
            {
                await _archive.AppendAsync(CatalogRecords.Removed(removed, now), cancellationToken).ConfigureAwait(false);
            }

            foreach (var market in change.Added.Concat(change.Changed.Select(c => c.Current)))
            {
                await _archive.AppendAsync(CatalogRecords.Market(market, now), cancellationToken).ConfigureAwait(false);
            }
        }

        await _listener.OnMarketsChangedAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A market Gamma lists but that cannot be subscribed yet.</summary>
    private sealed record PendingMarket(DateTimeOffset FirstSeen, string? Slug, bool FromNotice, bool Reported);
}
