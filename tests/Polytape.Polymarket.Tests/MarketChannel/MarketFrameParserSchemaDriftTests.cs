using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>What the venue adds that we do not know is counted, and the event still goes through.</summary>
public sealed class MarketFrameParserSchemaDriftTests
{
    private const string Book = """
        {"event_type":"book","market":"0x1","asset_id":"7","timestamp":"1766481546487","hash":"8c7f21df4ea57ce24228402e20a307358e55a0fd",
         "bids":[{"price":"0.49","size":"60"}],"asks":[{"price":"0.5","size":"16"}]}
        """;

    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    private SchemaDrift Drift => _parser.Statistics.Drift;

    [Fact]
    public void Parse_UnknownEventType_DispatchesUnknownAndCountsType()
    {
        const string Frame = """{"event_type":"order_book_delta","market":"0x1","asset_id":"7","seq":5,"deltas":[{"p":"0.5"}]}""";

        _parser.Parse(Utf8(Frame), _handler);
        _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(2, _handler.Events.Count);
        var unknown = _handler.At<RecordedUnknownEvent>(0);
        Assert.Equal("order_book_delta", unknown.EventType);
        Assert.Equal(Frame, unknown.RawJson);
        Assert.Equal(new Dictionary<string, long> { ["order_book_delta"] = 2 }, Drift.EventTypeCounts());
        Assert.Equal(2, Drift.UnknownEventTypes);
        Assert.Equal(2, _parser.Statistics.EventsOf(MarketEventType.Unknown));

        // Keys of an unknown type are not field drift: the whole object is archived as is.
        Assert.Empty(Drift.FieldCounts());
        Assert.Equal(0, Drift.UnknownFields);
    }

    [Fact]
    public void Parse_UnknownEventTypeWithOddKnownKeys_IsStillDispatched()
    {
        // Keys another type would validate (side, price, timestamp) are not checked for an unknown type.
        const string Frame = """{"event_type":"auction","side":"HOLD","price":"abc","timestamp":"soon","fee_rate_bps":"x"}""";

        var result = _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal("auction", _handler.Single<RecordedUnknownEvent>().EventType);
    }

    [Fact]
    public void Parse_UnknownTopLevelKeyInBook_CountsItAndDispatchesBook()
    {
        var frame = Book.Replace("\"market\"", "\"sequence\":42,\"venue_flags\":{\"a\":[1,2]},\"market\"", StringComparison.Ordinal);

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        var book = _handler.Single<RecordedBook>();
        Assert.Equal("0x1", book.Market);
        Assert.Equal("7", book.AssetId);
        Assert.Equal("0.49@60", Assert.Single(book.Bids).ToString());
        Assert.Equal(new Dictionary<string, long> { ["book.sequence"] = 1, ["book.venue_flags"] = 1 }, Drift.FieldCounts());
        Assert.Equal(2, Drift.UnknownFields);
        Assert.Empty(Drift.EventTypeCounts());
    }

    [Fact]
    public void Parse_UnknownKeyInBidLevel_CountsItAndKeepsLevel()
    {
        var frame = Book.Replace("\"size\":\"60\"", "\"size\":\"60\",\"orders\":3", StringComparison.Ordinal);

        _parser.Parse(Utf8(frame), _handler);

        Assert.Equal("0.49@60", Assert.Single(_handler.Single<RecordedBook>().Bids).ToString());
        Assert.Equal(new Dictionary<string, long> { ["book.levels[].orders"] = 1 }, Drift.FieldCounts());
    }

    [Fact]
    public void Parse_UnknownKeyInPriceChangeEntry_CountsItAndKeepsEntry()
    {
        const string Frame = """
            {"event_type":"price_change","market":"0x1","timestamp":"9","price_changes":[
              {"asset_id":"7","price":"0.5","size":"10","side":"BUY","fee":"0.1","hash":"56621a121a47ed9333273e21c83b660cff37ae50","best_bid":"0.5","best_ask":"0.6"}]}
            """;

        _parser.Parse(Utf8(Frame), _handler);

        var entry = Assert.Single(_handler.Single<RecordedPriceChange>().Entries);
        Assert.Equal(new RecordedPriceChangeEntry("7", Side.Bid, "0.5", "10", "56621a121a47ed9333273e21c83b660cff37ae50", "0.5", "0.6", true), entry);
        Assert.Equal(new Dictionary<string, long> { ["price_change.price_changes[].fee"] = 1 }, Drift.FieldCounts());
    }

    [Fact]
    public void Parse_UnknownKeyInLegacyChange_CountsItUnderChanges()
    {
        const string Frame = """{"event_type":"price_change","asset_id":"7","changes":[{"price":"0.4","side":"SELL","size":"1","order_id":"z"}]}""";

        _parser.Parse(Utf8(Frame), _handler);

        Assert.Single(_handler.Single<RecordedPriceChange>().Entries);
        Assert.Equal(new Dictionary<string, long> { ["price_change.changes[].order_id"] = 1 }, Drift.FieldCounts());
    }

    [Fact]
    public void Parse_KnownKeyOfAnotherType_CountsItForThisType()
    {
        const string Frame = """
            {"event_type":"last_trade_price","asset_id":"7","market":"0x1","price":"0.5","side":"BUY","size":"1","fee_rate_bps":"0","timestamp":"3",
             "bids":[{"price":"0.4","size":"1"}],"best_bid":"0.4"}
            """;

        _parser.Parse(Utf8(Frame), _handler);

        var trade = _handler.Single<RecordedLastTradePrice>();
        Assert.Equal("0.5", trade.Price);
        Assert.Equal(Side.Bid, trade.TakerSide);
        Assert.Equal(new Dictionary<string, long> { ["last_trade_price.best_bid"] = 1, ["last_trade_price.bids"] = 1 }, Drift.FieldCounts());
    }

    [Fact]
    public void Parse_InvalidValueInKeyOfAnotherType_IsDriftNotFailure()
    {
        // side is state-driving for trades and price changes, but a book does not define it.
        var frame = Book.Replace("\"market\"", "\"side\":\"HOLD\",\"market\"", StringComparison.Ordinal);

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Single(_handler.Events);
        Assert.Equal(new Dictionary<string, long> { ["book.side"] = 1 }, Drift.FieldCounts());
    }

    [Fact]
    public void Parse_MoreUnknownKeysThanTracked_CountsTheRestTogether()
    {
        var extra = string.Join(',', Enumerable.Range(0, 11).Select(i => $"\"x{i}\":{i}"));
        var frame = Book.Replace("\"market\"", extra + ",\"market\"", StringComparison.Ordinal);

        _parser.Parse(Utf8(frame), _handler);

        Assert.Single(_handler.Events);
        var counts = Drift.FieldCounts();
        Assert.Equal(9, counts.Count);
        Assert.Equal(1, counts["book.x0"]);
        Assert.Equal(1, counts["book.x7"]);
        Assert.Equal(1, counts["book.(more)"]);
        Assert.False(counts.ContainsKey("book.x8"));
    }

    [Fact]
    public void Parse_SameDriftTwice_AddsUp()
    {
        var frame = Utf8(Book.Replace("\"market\"", "\"sequence\":1,\"market\"", StringComparison.Ordinal));

        _parser.Parse(frame, _handler);
        _parser.Parse(frame, _handler);

        Assert.Equal(2, Drift.FieldCounts()["book.sequence"]);
        Assert.Equal(2, Drift.UnknownFields);
    }

    [Fact]
    public void Parse_DriftInMalformedFrame_IsNotCounted()
    {
        var frame = Book.Replace("\"market\"", "\"sequence\":1,\"market\"", StringComparison.Ordinal)
            .Replace("\"0.49\"", "\"abc\"", StringComparison.Ordinal);

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Malformed, result.Kind);
        Assert.Empty(Drift.FieldCounts());
        Assert.Equal(0, Drift.UnknownFields);
    }
}
