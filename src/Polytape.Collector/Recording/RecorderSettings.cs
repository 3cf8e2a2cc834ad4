using Polytape.Collector.Configuration;
using Polytape.Collector.Discovery;
using Polytape.Collector.Rest;
using Polytape.Collector.Subscriptions;
using Polytape.Collector.Verification;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Recording;

/// <summary>Turns the user-facing configuration into each component's options; one place, so a setting cannot be missed twice.</summary>
public static class RecorderSettings
{
    public static DiscoveryOptions ToDiscoveryOptions(this RecorderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var discovery = config.Discovery;
        return new DiscoveryOptions
        {
            GammaUri = discovery.GammaUrl,
            Tags = discovery.Tags,
            Series = discovery.Series,
            Slugs = discovery.Slugs,
            ConditionIds = discovery.ConditionIds,
            RollingPatterns = discovery.Rolling.Patterns,
            RollingWindowsAhead = discovery.Rolling.WindowsAhead,
            AllActive = discovery.AllActive,
            RefreshInterval = discovery.RefreshInterval,
            PageSize = discovery.PageSize,
        };
    }

    public static FeedPoolOptions ToPoolOptions(this RecorderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var websocket = config.WebSocket;
        return new FeedPoolOptions
        {
            Feed = websocket.ToFeedOptions(),
            MaxAssetsPerConnection = websocket.MaxAssetsPerConnection,
            ConnectionOpensPerSecond = websocket.ConnectionsPerSecond,
            SnapshotTimeout = websocket.SnapshotTimeout,
            StaleReconnectsBeforeDiscoveryRefresh = websocket.StaleReconnectsBeforeRefresh,
            QuietConnectionMaxSilence = websocket.QuietConnectionMaxSilence,
        };
    }

    public static ClobRestOptions ToClobOptions(this RecorderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ClobRestOptions { BaseUri = config.Rest.ClobUrl, MaxIdsPerBooksRequest = config.Rest.MaxIdsPerBooksCall };
    }

    /// <summary>Null when sampling is off (a zero interval).</summary>
    public static RestVerifierOptions? ToVerifierOptions(this RecorderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Rest.VerifyInterval <= TimeSpan.Zero
            ? null
            : new RestVerifierOptions { VerifyInterval = config.Rest.VerifyInterval, SampleSize = config.Rest.VerifySampleSize };
    }
}
