using Polytape.Collector.Feed;

namespace Polytape.Collector.Configuration;

/// <summary>The market-channel connections (protocol §2). Defaults follow what is known to stay healthy.</summary>
public sealed class WebSocketConfig
{
    /// <summary>Above about 500 assets a connection silently stops delivering (protocol §2.4).</summary>
    public const int VenueMaxAssetsPerConnection = 500;

    public const int DefaultMaxAssetsPerConnection = 200;

    public Uri Url { get; set; } = new("wss://ws-subscriptions-clob.polymarket.com/ws/market");

    public int MaxAssetsPerConnection { get; set; } = DefaultMaxAssetsPerConnection;

    /// <summary>Ids per subscribe frame: thousands in one frame make the server drop the connection.</summary>
    public int MaxIdsPerFrame { get; set; } = 100;

    /// <summary>New connections opened per second, so a cold start of ~1,500 connections does not hit the handshake limiter.</summary>
    public double ConnectionsPerSecond { get; set; } = 10;

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>No data frame (PONG does not count) for this long while assets are subscribed: the connection is stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan FirstMessageGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A close the recorder decides keeps reading this long for the server's Close, so frames in flight are archived.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An asset with no book snapshot this long after subscribing is subscribed again, on another connection if needed.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cap of the quiet backoff: a connection whose fresh session delivered its snapshots and then nothing has quiet
    /// assets; the silence it is allowed before the next probe doubles from 45 s up to this, reset by data.
    /// </summary>
    public TimeSpan QuietConnectionMaxSilence { get; set; } = TimeSpan.FromMinutes(10);

    public ReconnectConfig Reconnect { get; set; } = new();

    /// <summary>Stale reconnects in a row after which discovery is refreshed (the assets may have ended).</summary>
    public int StaleReconnectsBeforeRefresh { get; set; } = 3;

    /// <summary>The settings one <see cref="FeedConnection"/> needs.</summary>
    public FeedOptions ToFeedOptions() => new()
    {
        Endpoint = Url,
        MaxIdsPerFrame = MaxIdsPerFrame,
        PingInterval = PingInterval,
        StaleAfter = StaleAfter,
        FirstMessageGrace = FirstMessageGrace,
        CloseTimeout = CloseTimeout,
        ReconnectInitialDelay = Reconnect.InitialDelay,
        ReconnectMaxDelay = Reconnect.MaxDelay,
    };
}

/// <summary>Exponential, capped, jittered reconnect backoff, reset once data flows.</summary>
public sealed class ReconnectConfig
{
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
