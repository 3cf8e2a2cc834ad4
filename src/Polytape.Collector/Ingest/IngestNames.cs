using Polytape.Archive;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>The snake_case labels the archive and metrics use (stable: manifests, loaders and dashboards read them).</summary>
public static class IngestNames
{
    /// <summary>An array frame whose events are of more than one type.</summary>
    public const string Mixed = "mixed";

    public static string Of(MarketEventType type) => type switch
    {
        MarketEventType.Book => "book",
        MarketEventType.PriceChange => "price_change",
        MarketEventType.LastTradePrice => "last_trade_price",
        MarketEventType.TickSizeChange => "tick_size_change",
        MarketEventType.BestBidAsk => "best_bid_ask",
        MarketEventType.NewMarket => "new_market",
        MarketEventType.MarketResolved => "market_resolved",
        _ => ArchiveRecord.UnknownEventType,
    };

    /// <summary>The label of a frame that carried no event (control text, empty), or of a malformed one.</summary>
    public static string Of(FrameKind kind) => kind switch
    {
        FrameKind.Pong => "pong",
        FrameKind.InvalidOperation => "invalid_operation",
        FrameKind.NoNewAssets => "no_new_assets",
        FrameKind.OtherText => "text",
        FrameKind.Empty => "empty",
        _ => ArchiveRecord.UnknownEventType,
    };

    public static string Of(ContinuityState state) => state switch
    {
        ContinuityState.Syncing => "syncing",
        ContinuityState.Live => "live",
        ContinuityState.Suspect => "suspect",
        _ => "resyncing",
    };

    public static string Of(ContinuityCause cause) => cause switch
    {
        ContinuityCause.None => "none",
        ContinuityCause.Subscribed => "subscribed",
        ContinuityCause.Reconnected => "reconnected",
        ContinuityCause.ResyncRequested => "resync_requested",
        ContinuityCause.Disconnected => "disconnected",
        ContinuityCause.Snapshot => "snapshot",
        ContinuityCause.HashVerified => "hash_verified",
        ContinuityCause.BestBidMismatch => "best_bid_mismatch",
        ContinuityCause.BestAskMismatch => "best_ask_mismatch",
        ContinuityCause.HashMismatch => "hash_mismatch",
        ContinuityCause.SnapshotMismatch => "snapshot_mismatch",
        ContinuityCause.CrossedBook => "crossed_book",
        ContinuityCause.SnapshotHashMismatch => "snapshot_hash_mismatch",
        ContinuityCause.RestMismatch => "rest_mismatch",
        ContinuityCause.TickSizeChanged => "tick_size_changed",
        ContinuityCause.StaleFeed => "stale_feed",
        ContinuityCause.MarketResolved => "market_resolved",
        _ => "other",
    };
}
