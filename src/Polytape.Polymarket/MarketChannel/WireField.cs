namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// Every top-level key the market channel is known to send, as bits, so the parser can tell in one
/// pass which keys an object had and which of them its event type does not define (schema drift).
/// </summary>
[Flags]
internal enum WireField : ulong
{
    None = 0,
    EventType = 1UL << 0,
    Market = 1UL << 1,
    AssetId = 1UL << 2,
    Timestamp = 1UL << 3,
    Hash = 1UL << 4,
    Bids = 1UL << 5,
    Asks = 1UL << 6,
    TickSize = 1UL << 7,
    LastTradePrice = 1UL << 8,
    MinOrderSize = 1UL << 9,
    NegRisk = 1UL << 10,
    PriceChanges = 1UL << 11,
    Changes = 1UL << 12,
    Price = 1UL << 13,
    Size = 1UL << 14,
    Side = 1UL << 15,
    FeeRateBps = 1UL << 16,
    TransactionHash = 1UL << 17,
    OldTickSize = 1UL << 18,
    NewTickSize = 1UL << 19,
    BestBid = 1UL << 20,
    BestAsk = 1UL << 21,
    Spread = 1UL << 22,
    Id = 1UL << 23,
    Question = 1UL << 24,
    Slug = 1UL << 25,
    Description = 1UL << 26,
    AssetsIds = 1UL << 27,
    Outcomes = 1UL << 28,
    EventMessage = 1UL << 29,
    Tags = 1UL << 30,
    ConditionId = 1UL << 31,
    Active = 1UL << 32,
    ClobTokenIds = 1UL << 33,
    SportsMarketType = 1UL << 34,
    Line = 1UL << 35,
    GameStartTime = 1UL << 36,
    OrderPriceMinTickSize = 1UL << 37,
    GroupItemTitle = 1UL << 38,
    TakerBaseFee = 1UL << 39,
    FeesEnabled = 1UL << 40,
    FeeSchedule = 1UL << 41,
    WinningAssetId = 1UL << 42,
    WinningOutcome = 1UL << 43,
    Error = 1UL << 44,

    /// <summary>A key we have never seen.</summary>
    Unrecognised = 1UL << 63,
}
