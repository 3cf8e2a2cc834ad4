using Polytape.Collector.Feed;

namespace Polytape.Collector.Subscriptions;

/// <summary>How the pool spreads assets over market-channel connections. Defaults follow polymarket-protocol.md §2.4 and §8.</summary>
public sealed record FeedPoolOptions
{
    /// <summary>The venue silently stops delivering past about 500 assets on one connection (§8.3).</summary>
    public const int VenueAssetsPerConnectionLimit = 500;

    /// <summary>How each connection behaves (endpoint, PING, staleness, backoff).</summary>
    public FeedOptions Feed { get; init; } = new();

    /// <summary>Assets per connection: 200 is what mature clients use; above 500 data silently stops.</summary>
    public int MaxAssetsPerConnection { get; init; } = 200;

    /// <summary>Handshakes per second across the pool: many at once are answered with HTTP 429 (§8.6).</summary>
    public double ConnectionOpensPerSecond { get; init; } = 5;

    /// <summary>After a 429 handshake every open waits this long, doubling on each further 429, reset by a successful handshake.</summary>
    public TimeSpan ThrottledOpenDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ThrottledOpenMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An asset with no book snapshot this long after it was (re)subscribed in a live session is retried.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries (resubscribe on its connection, then a move to another) before the asset is reported as not delivering.</summary>
    public int MaxSnapshotRetries { get; init; } = 3;

    /// <summary>This many stale session ends within <see cref="StaleReconnectWindow"/> request a discovery refresh (dead assets are the usual cause).</summary>
    public int StaleReconnectsBeforeDiscoveryRefresh { get; init; } = 3;

    public TimeSpan StaleReconnectWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A connection silent this long while the pool as a whole receives data is replaced make-before-break.
    /// Below <see cref="FeedOptions.StaleAfter"/>, so the replacement is live before the connection's own
    /// stale reconnect would break it.
    /// </summary>
    public TimeSpan SuspectConnectionSilence { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Cap of the quiet backoff. A connection whose fresh session (a replacement, or a reconnect after a stale end)
    /// delivered its snapshots and then nothing for its silence allowance has quiet assets, not a frozen feed: its
    /// allowance (from <see cref="SuspectConnectionSilence"/>) doubles with each such proof up to this, and its own
    /// stale timeout follows (allowance + <see cref="FeedOptions.StaleAfter"/> − <see cref="SuspectConnectionSilence"/>).
    /// Data after the opening burst resets it. So a quiet connection is re-probed at most this often, and a stall of
    /// one is found within this (+ the stale margin); a connection that was delivering is still replaced after
    /// <see cref="SuspectConnectionSilence"/>. At or below <see cref="SuspectConnectionSilence"/> the backoff is off.
    /// </summary>
    public TimeSpan QuietConnectionMaxSilence { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often snapshot deadlines, silent connections and replacements are checked.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws with a message that says what to fix.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Feed);
        Feed.Validate();
        if (MaxAssetsPerConnection is < 1 or > VenueAssetsPerConnectionLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAssetsPerConnection), MaxAssetsPerConnection,
                $"Assets per connection must be between 1 and {VenueAssetsPerConnectionLimit}: the venue stops delivering past ~500 (200 is safe).");
        }

        if (!(ConnectionOpensPerSecond > 0) || double.IsInfinity(ConnectionOpensPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectionOpensPerSecond), ConnectionOpensPerSecond,
                "Connection opens per second must be a positive number (5 is safe; many handshakes at once get HTTP 429).");
        }

        if (ThrottledOpenDelay <= TimeSpan.Zero || ThrottledOpenMaxDelay < ThrottledOpenDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(ThrottledOpenDelay),
                "The throttled-open delay must be positive and not above its maximum.");
        }

        if (SnapshotTimeout <= TimeSpan.Zero || CheckInterval <= TimeSpan.Zero || StaleReconnectWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotTimeout),
                "The snapshot timeout, check interval and stale-reconnect window must be positive.");
        }

        if (MaxSnapshotRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSnapshotRetries), MaxSnapshotRetries, "Snapshot retries must be 0 or more.");
        }

        if (StaleReconnectsBeforeDiscoveryRefresh < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(StaleReconnectsBeforeDiscoveryRefresh), StaleReconnectsBeforeDiscoveryRefresh,
                "Stale reconnects before a discovery refresh must be at least 1.");
        }

        if (SuspectConnectionSilence <= TimeSpan.Zero || SuspectConnectionSilence >= Feed.StaleAfter)
        {
            throw new ArgumentOutOfRangeException(nameof(SuspectConnectionSilence), SuspectConnectionSilence,
                $"The suspect-connection silence must be positive and below Feed.StaleAfter ({Feed.StaleAfter}), or the connection reconnects before it can be replaced.");
        }

        if (QuietConnectionMaxSilence <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(QuietConnectionMaxSilence), QuietConnectionMaxSilence,
                "The quiet-connection maximum silence must be positive (10 min is the default; at or below the suspect-connection silence it turns the quiet backoff off).");
        }
    }
}
