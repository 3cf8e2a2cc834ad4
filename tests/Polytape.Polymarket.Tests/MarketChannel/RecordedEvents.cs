using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>A plain copy of one dispatched event (the parser's views are valid only during the call).</summary>
public abstract record RecordedEvent
{
    /// <summary>Every field on one line, so whole parses can be compared (RawJson is left out: it follows key order).</summary>
    public abstract string Describe();
}

/// <summary>Price and size as <c>ToString</c> writes them, which must be the wire text.</summary>
public sealed record RecordedLevel(string Price, string Size)
{
    public override string ToString() => $"{Price}@{Size}";
}

/// <summary>Hash is null when the view had none (absent or not 40 hex characters).</summary>
public sealed record RecordedBook(
    string Market,
    string AssetId,
    long TimestampMs,
    string? Hash,
    IReadOnlyList<RecordedLevel> Bids,
    IReadOnlyList<RecordedLevel> Asks,
    string TickSize,
    bool HasLastTradePrice,
    string LastTradePrice,
    string MinOrderSize,
    bool? NegRisk,
    bool IsRestSummary) : RecordedEvent
{
    public override string Describe() =>
        $"book market={Market} asset={AssetId} ts={TimestampMs} hash={Hash} bids=[{string.Join(',', Bids)}] " +
        $"asks=[{string.Join(',', Asks)}] tick={TickSize} ltp={HasLastTradePrice}:{LastTradePrice} " +
        $"mos={MinOrderSize} neg={NegRisk} rest={IsRestSummary}";
}

public sealed record RecordedPriceChangeEntry(
    string AssetId,
    Side Side,
    string Price,
    string Size,
    string? Hash,
    string BestBid,
    string BestAsk,
    bool HasBestBidAsk)
{
    public override string ToString() =>
        $"{AssetId}/{Side}/{Price}@{Size}/{Hash}/{BestBid}-{BestAsk}/{HasBestBidAsk}";
}

public sealed record RecordedPriceChange(
    string Market,
    long TimestampMs,
    bool IsLegacy,
    IReadOnlyList<RecordedPriceChangeEntry> Entries) : RecordedEvent
{
    public override string Describe() =>
        $"price_change market={Market} ts={TimestampMs} legacy={IsLegacy} entries=[{string.Join(',', Entries)}]";
}

public sealed record RecordedLastTradePrice(
    string Market,
    string AssetId,
    string Price,
    string Size,
    Side TakerSide,
    int FeeRateBps,
    long TimestampMs,
    string TransactionHash) : RecordedEvent
{
    public override string Describe() =>
        $"last_trade_price market={Market} asset={AssetId} {TakerSide} {Price}@{Size} fee={FeeRateBps} " +
        $"ts={TimestampMs} tx={TransactionHash}";
}

public sealed record RecordedTickSizeChange(
    string Market,
    string AssetId,
    string OldTickSize,
    string NewTickSize,
    long TimestampMs) : RecordedEvent
{
    public override string Describe() =>
        $"tick_size_change market={Market} asset={AssetId} {OldTickSize}->{NewTickSize} ts={TimestampMs}";
}

public sealed record RecordedBestBidAsk(
    string Market,
    string AssetId,
    string BestBid,
    string BestAsk,
    string Spread,
    long TimestampMs) : RecordedEvent
{
    public override string Describe() =>
        $"best_bid_ask market={Market} asset={AssetId} {BestBid}/{BestAsk} spread={Spread} ts={TimestampMs}";
}

public sealed record RecordedMarketNotice(
    MarketEventType EventType,
    string Id,
    string Market,
    IReadOnlyList<string> AssetIds,
    string WinningAssetId,
    long TimestampMs,
    string RawJson) : RecordedEvent
{
    public override string Describe() =>
        $"{EventType} id={Id} market={Market} assets=[{string.Join(',', AssetIds)}] winner={WinningAssetId} ts={TimestampMs}";
}

public sealed record RecordedUnknownEvent(string EventType, string RawJson) : RecordedEvent
{
    public override string Describe() => $"unknown type={EventType}";
}
