namespace Polytape.Collector.Feed;

/// <summary>How one market-channel connection behaves. Defaults follow polymarket-protocol.md §2 and §8.</summary>
public sealed record FeedOptions
{
    public Uri Endpoint { get; init; } = new("wss://ws-subscriptions-clob.polymarket.com/ws/market");

    /// <summary>Ids per subscribe frame: thousands in one frame make the server drop the connection (§2.4).</summary>
    public int MaxIdsPerFrame { get; init; } = 100;

    /// <summary>The docs ask for a text PING about every 10 s.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No data frame (PONG does not count) for this long while assets are subscribed: the feed is stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After (re)connecting, the first data frame may take this long before staleness is judged.</summary>
    public TimeSpan FirstMessageGrace { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// When the recorder closes a connection itself, how long it keeps reading (and handing frames on) after its
    /// Close frame while waiting for the server's, so frames already in flight are archived; then it aborts.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reconnect backoff: exponential from here, capped, jittered, reset once data flows again.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>best_bid_ask, new_market and market_resolved need it.</summary>
    public bool CustomFeatures { get; init; } = true;

    /// <summary>
    /// Frames are assembled in a per-session buffer that starts here, grows for a larger frame (the largest live frame
    /// seen was ~68 KB; initial dumps are larger) and shrinks back after it. Socket reads are batched by the WebSocket's
    /// own 64 KB buffer, not this one (a receive returns at most one message), so 16 KB covers the updates and saves
    /// ~70 MB over a whole universe's 1,500 connections.
    /// </summary>
    public int InitialFrameBufferBytes { get; init; } = 16 * 1024;

    /// <summary>A frame larger than this is refused (closes the connection): protects memory from a broken peer.</summary>
    public int MaxFrameBytes { get; init; } = 16 * 1024 * 1024;

    public void Validate()
    {
        if (MaxIdsPerFrame is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIdsPerFrame), MaxIdsPerFrame, "Ids per subscribe frame must be between 1 and 500 (100 is safe).");
        }

        if (PingInterval <= TimeSpan.Zero || StaleAfter <= TimeSpan.Zero || ReconnectInitialDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PingInterval), "Ping interval, stale timeout and reconnect delay must be positive.");
        }

        if (CloseTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CloseTimeout), CloseTimeout, "The close timeout must not be negative (0 aborts at once; 2 s is the default).");
        }

        if (ReconnectMaxDelay < ReconnectInitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(ReconnectMaxDelay), "The maximum reconnect delay must not be below the initial one.");
        }

        if (Endpoint.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"The market-channel endpoint must be a ws:// or wss:// URI, not '{Endpoint}'.", nameof(Endpoint));
        }
    }
}
