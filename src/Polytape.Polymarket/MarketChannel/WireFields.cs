namespace Polytape.Polymarket.MarketChannel;

/// <summary>Key names → <see cref="WireField"/>, and the keys each event type defines.</summary>
internal static class WireFields
{
    public const WireField Book =
        WireField.EventType | WireField.Market | WireField.AssetId | WireField.Timestamp | WireField.Hash |
        WireField.Bids | WireField.Asks | WireField.TickSize | WireField.LastTradePrice |
        WireField.MinOrderSize | WireField.NegRisk;

    public const WireField PriceChange =
        WireField.EventType | WireField.Market | WireField.Timestamp | WireField.PriceChanges |
        WireField.AssetId | WireField.Hash | WireField.Changes | WireField.Price | WireField.Size | WireField.Side;

    public const WireField LastTradePrice =
        WireField.EventType | WireField.Market | WireField.AssetId | WireField.Price | WireField.Size |
        WireField.Side | WireField.FeeRateBps | WireField.Timestamp | WireField.TransactionHash;

    public const WireField TickSizeChange =
        WireField.EventType | WireField.Market | WireField.AssetId | WireField.OldTickSize |
        WireField.NewTickSize | WireField.Timestamp;

    public const WireField BestBidAsk =
        WireField.EventType | WireField.Market | WireField.AssetId | WireField.BestBid | WireField.BestAsk |
        WireField.Spread | WireField.Timestamp;

    public const WireField NewMarket =
        WireField.EventType | WireField.Id | WireField.Question | WireField.Market | WireField.Slug |
        WireField.Description | WireField.AssetsIds | WireField.Outcomes | WireField.EventMessage |
        WireField.Timestamp | WireField.Tags | WireField.ConditionId | WireField.Active | WireField.ClobTokenIds |
        WireField.SportsMarketType | WireField.Line | WireField.GameStartTime | WireField.OrderPriceMinTickSize |
        WireField.GroupItemTitle | WireField.TakerBaseFee | WireField.FeesEnabled | WireField.FeeSchedule;

    public const WireField MarketResolved = NewMarket | WireField.WinningAssetId | WireField.WinningOutcome;

    public static WireField Defined(MarketEventType type) => type switch
    {
        MarketEventType.Book => Book,
        MarketEventType.PriceChange => PriceChange,
        MarketEventType.LastTradePrice => LastTradePrice,
        MarketEventType.TickSizeChange => TickSizeChange,
        MarketEventType.BestBidAsk => BestBidAsk,
        MarketEventType.NewMarket => NewMarket,
        MarketEventType.MarketResolved => MarketResolved,
        _ => ~WireField.Unrecognised,
    };

    public static MarketEventType EventTypeOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("book"u8) => MarketEventType.Book,
        12 when name.SequenceEqual("price_change"u8) => MarketEventType.PriceChange,
        16 when name.SequenceEqual("last_trade_price"u8) => MarketEventType.LastTradePrice,
        16 when name.SequenceEqual("tick_size_change"u8) => MarketEventType.TickSizeChange,
        12 when name.SequenceEqual("best_bid_ask"u8) => MarketEventType.BestBidAsk,
        10 when name.SequenceEqual("new_market"u8) => MarketEventType.NewMarket,
        15 when name.SequenceEqual("market_resolved"u8) => MarketEventType.MarketResolved,
        _ => MarketEventType.Unknown,
    };

    /// <summary>Finds a key by its length and a distinguishing byte, then confirms the whole name.</summary>
    public static WireField Identify(ReadOnlySpan<byte> n) => n.Length switch
    {
        2 => Is(n, "id"u8, WireField.Id),
        4 => n[0] switch
        {
            (byte)'h' => Is(n, "hash"u8, WireField.Hash),
            (byte)'b' => Is(n, "bids"u8, WireField.Bids),
            (byte)'a' => Is(n, "asks"u8, WireField.Asks),
            (byte)'t' => Is(n, "tags"u8, WireField.Tags),
            (byte)'l' => Is(n, "line"u8, WireField.Line),
            (byte)'s' => n[2] switch
            {
                (byte)'z' => Is(n, "size"u8, WireField.Size),
                (byte)'d' => Is(n, "side"u8, WireField.Side),
                _ => Is(n, "slug"u8, WireField.Slug),
            },
            _ => WireField.Unrecognised,
        },
        5 => n[0] == (byte)'p' ? Is(n, "price"u8, WireField.Price) : Is(n, "error"u8, WireField.Error),
        6 => n[0] switch
        {
            (byte)'m' => Is(n, "market"u8, WireField.Market),
            (byte)'s' => Is(n, "spread"u8, WireField.Spread),
            _ => Is(n, "active"u8, WireField.Active),
        },
        7 => Is(n, "changes"u8, WireField.Changes),
        8 => n[0] switch
        {
            (byte)'a' => Is(n, "asset_id"u8, WireField.AssetId),
            (byte)'n' => Is(n, "neg_risk"u8, WireField.NegRisk),
            (byte)'q' => Is(n, "question"u8, WireField.Question),
            (byte)'o' => Is(n, "outcomes"u8, WireField.Outcomes),
            _ => n[5] == (byte)'b' ? Is(n, "best_bid"u8, WireField.BestBid) : Is(n, "best_ask"u8, WireField.BestAsk),
        },
        9 => n[2] == (byte)'m' ? Is(n, "timestamp"u8, WireField.Timestamp) : Is(n, "tick_size"u8, WireField.TickSize),
        10 => n[0] == (byte)'e' ? Is(n, "event_type"u8, WireField.EventType) : Is(n, "assets_ids"u8, WireField.AssetsIds),
        11 => Is(n, "description"u8, WireField.Description),
        12 => n[0] == (byte)'c'
            ? Is(n, "condition_id"u8, WireField.ConditionId)
            : n[3] == (byte)'s'
                ? Is(n, "fees_enabled"u8, WireField.FeesEnabled)
                : n[4] == (byte)'r' ? Is(n, "fee_rate_bps"u8, WireField.FeeRateBps) : Is(n, "fee_schedule"u8, WireField.FeeSchedule),
        13 => n[0] switch
        {
            (byte)'p' => Is(n, "price_changes"u8, WireField.PriceChanges),
            (byte)'o' => Is(n, "old_tick_size"u8, WireField.OldTickSize),
            (byte)'n' => Is(n, "new_tick_size"u8, WireField.NewTickSize),
            _ => Is(n, "event_message"u8, WireField.EventMessage),
        },
        14 => n[0] switch
        {
            (byte)'m' => Is(n, "min_order_size"u8, WireField.MinOrderSize),
            (byte)'c' => Is(n, "clob_token_ids"u8, WireField.ClobTokenIds),
            _ => Is(n, "taker_base_fee"u8, WireField.TakerBaseFee),
        },
        15 => n[0] == (byte)'g' ? Is(n, "game_start_time"u8, WireField.GameStartTime) : Is(n, "winning_outcome"u8, WireField.WinningOutcome),
        16 => n[0] switch
        {
            (byte)'l' => Is(n, "last_trade_price"u8, WireField.LastTradePrice),
            (byte)'t' => Is(n, "transaction_hash"u8, WireField.TransactionHash),
            (byte)'g' => Is(n, "group_item_title"u8, WireField.GroupItemTitle),
            _ => Is(n, "winning_asset_id"u8, WireField.WinningAssetId),
        },
        18 => Is(n, "sports_market_type"u8, WireField.SportsMarketType),
        25 => Is(n, "order_price_min_tick_size"u8, WireField.OrderPriceMinTickSize),
        _ => WireField.Unrecognised,
    };

    /// <summary>The wire name of a single field (for drift reports).</summary>
    public static string NameOf(WireField field) => field switch
    {
        WireField.EventType => "event_type",
        WireField.AssetId => "asset_id",
        WireField.TickSize => "tick_size",
        WireField.LastTradePrice => "last_trade_price",
        WireField.MinOrderSize => "min_order_size",
        WireField.NegRisk => "neg_risk",
        WireField.PriceChanges => "price_changes",
        WireField.FeeRateBps => "fee_rate_bps",
        WireField.TransactionHash => "transaction_hash",
        WireField.OldTickSize => "old_tick_size",
        WireField.NewTickSize => "new_tick_size",
        WireField.BestBid => "best_bid",
        WireField.BestAsk => "best_ask",
        WireField.AssetsIds => "assets_ids",
        WireField.EventMessage => "event_message",
        WireField.ConditionId => "condition_id",
        WireField.ClobTokenIds => "clob_token_ids",
        WireField.SportsMarketType => "sports_market_type",
        WireField.GameStartTime => "game_start_time",
        WireField.OrderPriceMinTickSize => "order_price_min_tick_size",
        WireField.GroupItemTitle => "group_item_title",
        WireField.TakerBaseFee => "taker_base_fee",
        WireField.FeesEnabled => "fees_enabled",
        WireField.FeeSchedule => "fee_schedule",
        WireField.WinningAssetId => "winning_asset_id",
        WireField.WinningOutcome => "winning_outcome",
        _ => field.ToString().ToLowerInvariant(),
    };

    // Wire names by bit, encoded once: drift is counted per frame and must not allocate.
    private static readonly byte[][] Utf8Names = Enumerable.Range(0, 64)
        .Select(bit => System.Text.Encoding.UTF8.GetBytes(NameOf((WireField)(1UL << bit))))
        .ToArray();

    /// <summary>The UTF-8 wire name of a single field, without allocating.</summary>
    public static ReadOnlySpan<byte> Utf8NameOf(WireField field) =>
        Utf8Names[System.Numerics.BitOperations.TrailingZeroCount((ulong)field)];

    private static WireField Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected, WireField field) =>
        name.SequenceEqual(expected) ? field : WireField.Unrecognised;
}
