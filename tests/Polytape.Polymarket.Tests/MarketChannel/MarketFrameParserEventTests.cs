using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Optional, empty and unusual values of each event type (protocol §3).</summary>
public sealed class MarketFrameParserEventTests
{
    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    [Fact]
    public void Parse_BookLargerThanScratch_GrowsAndKeepsEveryLevel()
    {
        var bids = string.Join(',', Enumerable.Range(1, 300).Select(i => $$"""{"price":"0.{{i:D4}}","size":"{{i}}.5"}"""));
        var asks = string.Join(',', Enumerable.Range(1, 260).Select(i => $$"""{"price":"0.{{9999 - i:D4}}","size":"{{i}}"}"""));
        var frame = Utf8($$"""{"event_type":"book","asset_id":"7","market":"0x1","bids":[{{bids}}],"asks":[{{asks}}]}""");

        _parser.Parse(frame, _handler);
        _parser.Parse(frame, _handler);

        var book = _handler.At<RecordedBook>(1);
        Assert.Equal(300, book.Bids.Count);
        Assert.Equal(260, book.Asks.Count);
        Assert.Equal("0.0001@1.5", book.Bids[0].ToString());
        Assert.Equal("0.0300@300.5", book.Bids[^1].ToString());
        Assert.Equal("0.9998@1", book.Asks[0].ToString());
        Assert.Equal("0.9739@260", book.Asks[^1].ToString());
        Assert.Null(book.Hash);
        Assert.Equal(-1, book.TimestampMs);
    }

    [Fact]
    public void Parse_BookWithRestExtrasAndEmptyLastTradePrice_ReadsThem()
    {
        const string Frame = """
            {"event_type":"book","asset_id":"7","market":"0x1","timestamp":"","hash":"0xabc123...","bids":[],"asks":null,
             "tick_size":"0.001","last_trade_price":"","min_order_size":"5","neg_risk":true}
            """;

        _parser.Parse(Utf8(Frame), _handler);

        var book = _handler.Single<RecordedBook>();
        Assert.Empty(book.Bids);
        Assert.Empty(book.Asks);
        Assert.Equal(-1, book.TimestampMs);
        Assert.Null(book.Hash);
        Assert.Equal("0.001", book.TickSize);
        Assert.True(book.HasLastTradePrice);
        Assert.Equal("", book.LastTradePrice);
        Assert.Equal("5", book.MinOrderSize);
        Assert.True(book.NegRisk);
        Assert.False(book.IsRestSummary);
    }

    [Fact]
    public void Parse_DocsLastTradePriceWithTransactionHash_ReadsAllFields()
    {
        const string Frame = """
            {"asset_id":"114122071509644379678018727908709560226618148003371446110114509806601493071694","event_type":"last_trade_price","fee_rate_bps":"1000",
             "market":"0x6a67b9d828d53862160e470329ffea5246f338ecfffdf2cab45211ec578b0347","price":"0.456","side":"buy","size":"219.217767",
             "timestamp":"1750428146322","transaction_hash":"0xeeefffggghhh"}
            """;

        _parser.Parse(Utf8(Frame), _handler);

        var trade = _handler.Single<RecordedLastTradePrice>();
        Assert.Equal("0.456", trade.Price);
        Assert.Equal("219.217767", trade.Size);
        Assert.Equal(Side.Bid, trade.TakerSide);
        Assert.Equal(1000, trade.FeeRateBps);
        Assert.Equal(1750428146322, trade.TimestampMs);
        Assert.Equal("0xeeefffggghhh", trade.TransactionHash);
    }

    [Fact]
    public void Parse_LastTradePriceWithoutSizeOrFee_ReportsThemAbsent()
    {
        const string Frame = """{"event_type":"last_trade_price","asset_id":"7","price":"0.5","side":"SELL","fee_rate_bps":"","timestamp":null}""";

        _parser.Parse(Utf8(Frame), _handler);

        var trade = _handler.Single<RecordedLastTradePrice>();
        Assert.Equal("", trade.Size);
        Assert.Equal(-1, trade.FeeRateBps);
        Assert.Equal(-1, trade.TimestampMs);
        Assert.Equal("", trade.Market);
    }

    [Fact]
    public void Parse_BestBidAskWithEmptySide_KeepsEmptyValue()
    {
        const string Frame = """{"event_type":"best_bid_ask","asset_id":"7","market":"0x1","best_bid":"","best_ask":"1","timestamp":"5"}""";

        _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(new RecordedBestBidAsk("0x1", "7", "", "1", "", 5), _handler.Single<RecordedBestBidAsk>());
    }

    [Fact]
    public void Parse_LiveMarketResolvedWithNullEventMessage_ReadsWinner()
    {
        // Protocol §3.8, live frame of 2026-10-04 (BTC 5-minute market).
        const string Frame = """{"id":"5234673","market":"0x0c1b1a29cf49e127499e878853e4edbe79b929ccaaf45e96345a11fe0c263426","assets_ids":["100888370987976300727976104132259754468885708358624157065950665701873247248130","105432187511272365632213611061207512483403511195339600044714295797509063777660"],"winning_asset_id":"105432187511272365632213611061207512483403511195339600044714295797509063777660","winning_outcome":"Down","event_message":null,"timestamp":"1791124648409","event_type":"market_resolved","tags":["Crypto","Bitcoin","Crypto Prices","Recurring","Up or Down","Hide From New","5M"]}""";

        var result = _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        var notice = _handler.Single<RecordedMarketNotice>();
        Assert.Equal(MarketEventType.MarketResolved, notice.EventType);
        Assert.Equal("5234673", notice.Id);
        Assert.Equal("105432187511272365632213611061207512483403511195339600044714295797509063777660", notice.WinningAssetId);
        Assert.Equal(notice.WinningAssetId, notice.AssetIds[1]);
        Assert.Equal(1791124648409, notice.TimestampMs);
        Assert.Equal(Frame, notice.RawJson);
        Assert.Empty(_parser.Statistics.Drift.FieldCounts());
    }

    [Fact]
    public void Parse_EscapedDecimal_IsUnescapedBeforeParsing()
    {
        const string Frame = """{"event_type":"tick_size_change","asset_id":"7","old_tick_size":"0\u002e01","new_tick_size":"0.001"}""";

        _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal("0.01", _handler.Single<RecordedTickSizeChange>().OldTickSize);
    }

    [Theory]
    [InlineData("\\udc00")]
    [InlineData("\\ud800")]
    [InlineData("0.5\\ud800x")]
    public void Parse_EscapedDecimalWithBrokenSurrogate_IsMalformedNotThrown(string price)
    {
        // Regression: CopyString threw InvalidOperationException on a lone surrogate escape, escaping Parse.
        var frame = Utf8($$"""{"event_type":"book","asset_id":"7","bids":[{"price":"{{price}}","size":"1"}],"asks":[]}""");

        var result = _parser.Parse(frame, _handler);

        Assert.Equal(FrameKind.Malformed, result.Kind);
        Assert.Empty(_handler.Events);
    }

    [Theory]
    [InlineData("bids")]
    [InlineData("changes")]
    public void Parse_EscapedKeyWithBrokenSurrogateInLevel_IsDriftNotThrown(string array)
    {
        // Regression: ValueTextEquals unescapes the key and threw InvalidOperationException on a lone surrogate.
        var frame = array == "bids"
            ? """{"event_type":"book","asset_id":"7","bids":[{"\udc00":1,"price":"0.5","size":"1"}],"asks":[]}"""
            : """{"event_type":"price_change","asset_id":"7","changes":[{"\udc00":1,"price":"0.5","size":"1","side":"BUY"}]}""";

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Single(_handler.Events);
        Assert.Equal(1, _parser.Statistics.Drift.UnknownFields);
    }

    [Fact]
    public void Parse_HashThatIsAnObject_IsTreatedAsNoHash()
    {
        // Regression: a non-string hash was tolerated only if scalar; an object was not skipped, so its
        // keys were read as the event's own and the frame was rejected with a misleading error.
        const string Frame = """{"event_type":"book","asset_id":"7","hash":{"asset_id":"9","v":[1]},"bids":[],"asks":[]}""";

        var result = _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        var book = _handler.Single<RecordedBook>();
        Assert.Equal("7", book.AssetId);
        Assert.Null(book.Hash);
    }

    [Fact]
    public void Parse_OptionalFieldsThatAreContainers_AreSkippedWhole()
    {
        const string Trade = """{"event_type":"last_trade_price","asset_id":"7","price":"0.5","side":"BUY","transaction_hash":["0xab"]}""";
        const string Future = """{"event_type":"market_paused","id":{"gamma":"1"},"market":"0x1"}""";
        const string Entry = """{"event_type":"price_change","price_changes":[{"asset_id":"7","price":"0.5","size":"1","side":"BUY","hash":{"h":"x"}}]}""";
        const string NegRisk = """{"event_type":"tick_size_change","asset_id":"7","new_tick_size":"0.01","neg_risk":{"v":[true]}}""";

        Assert.Equal(FrameKind.Events, _parser.Parse(Utf8(Trade), _handler).Kind);
        Assert.Equal(FrameKind.Events, _parser.Parse(Utf8(Future), _handler).Kind);
        Assert.Equal(FrameKind.Events, _parser.Parse(Utf8(Entry), _handler).Kind);
        Assert.Equal(FrameKind.Events, _parser.Parse(Utf8(NegRisk), _handler).Kind);

        Assert.Equal("", _handler.At<RecordedLastTradePrice>(0).TransactionHash);
        Assert.Equal("market_paused", _handler.At<RecordedUnknownEvent>(1).EventType);
        Assert.Null(Assert.Single(_handler.At<RecordedPriceChange>(2).Entries).Hash);
        Assert.Equal("0.01", _handler.At<RecordedTickSizeChange>(3).NewTickSize);
        Assert.Equal(new Dictionary<string, long> { ["tick_size_change.neg_risk"] = 1 }, _parser.Statistics.Drift.FieldCounts());
    }
}
