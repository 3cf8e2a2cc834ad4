using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Cli.Checking;

/// <summary>The snake_case names reports use for enum values (stable: scripts read them).</summary>
public static class Names
{
    public static string Of(FrameKind kind) => kind switch
    {
        FrameKind.Events => "json",
        FrameKind.Pong => "pong",
        FrameKind.InvalidOperation => "invalid_operation",
        FrameKind.NoNewAssets => "no_new_assets",
        FrameKind.OtherText => "other_text",
        FrameKind.Empty => "empty",
        _ => "malformed",
    };

    public static string Of(MarketEventType type) => type switch
    {
        MarketEventType.Book => "book",
        MarketEventType.PriceChange => "price_change",
        MarketEventType.LastTradePrice => "last_trade_price",
        MarketEventType.TickSizeChange => "tick_size_change",
        MarketEventType.BestBidAsk => "best_bid_ask",
        MarketEventType.NewMarket => "new_market",
        MarketEventType.MarketResolved => "market_resolved",
        _ => "unknown",
    };

    public static string Of(ContinuityState state) => state.ToString().ToLowerInvariant();

    public static string Of(BookHashFormat format) => format == BookHashFormat.Unknown ? "unknown" : format.ToString().ToLowerInvariant();

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
        _ => cause.ToString().ToLowerInvariant(),
    };
}
