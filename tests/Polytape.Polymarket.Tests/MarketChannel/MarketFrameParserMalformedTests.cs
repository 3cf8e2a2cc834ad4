using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Bad frames never throw, are reported as Malformed with a reason, and dispatch nothing.</summary>
public sealed class MarketFrameParserMalformedTests
{
    private const string Book = """{"event_type":"book","market":"0x1","asset_id":"7","timestamp":"1","hash":"8c7f21df4ea57ce24228402e20a307358e55a0fd","bids":[{"price":"0.49","size":"60"}],"asks":[{"price":"0.5","size":"16"}]}""";
    private const string PriceChange = """{"event_type":"price_change","market":"0x1","timestamp":"9","price_changes":[{"asset_id":"7","price":"0.5","size":"10","side":"BUY","hash":"56621a121a47ed9333273e21c83b660cff37ae50","best_bid":"0.5","best_ask":"0.6"}]}""";
    private const string Trade = """{"event_type":"last_trade_price","asset_id":"7","market":"0x1","price":"0.5","side":"BUY","size":"1","fee_rate_bps":"0","timestamp":"3"}""";
    private const string LegacyFlat = """{"event_type":"price_change","asset_id":"7","price":"0.5","side":"BUY","size":"1","hash":"56621a121a47ed9333273e21c83b660cff37ae50"}""";
    private const string LegacyChanges = """{"event_type":"price_change","asset_id":"7","changes":[{"price":"0.4","side":"SELL","size":"3300"}]}""";

    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    public static TheoryData<string, string> BadFrames() => new()
    {
        { "truncated object", Book[..^10] },
        { "only an opening brace", "{" },
        { "truncated array", "[" + Book + "," + PriceChange[..40] },
        { "unclosed array", "[" + Book },
        { "missing value", """{"event_type":}""" },
        { "unterminated string", """{"event_type":"book""" },
        { "mismatched brackets", "{]" },
        { "trailing garbage", Book + "xyz" },
        { "trailing comma", Book + "," },
        { "second object", Book + Book },
        { "second array", "[][]" },
        { "trade with an empty price", Trade.Replace("\"price\":\"0.5\"", "\"price\":\"\"", StringComparison.Ordinal) },
        { "tick change to an empty tick", """{"event_type":"tick_size_change","asset_id":"7","old_tick_size":"0.01","new_tick_size":""}""" },
        { "tick change to a zero tick", """{"event_type":"tick_size_change","asset_id":"7","old_tick_size":"0.01","new_tick_size":"0"}""" },
        { "number after array", "[] 1" },
        { "price_changes side HOLD", PriceChange.Replace("BUY", "HOLD", StringComparison.Ordinal) },
        { "last_trade_price side HOLD", Trade.Replace("BUY", "HOLD", StringComparison.Ordinal) },
        { "legacy flat side HOLD", LegacyFlat.Replace("BUY", "HOLD", StringComparison.Ordinal) },
        { "legacy changes side HOLD", LegacyChanges.Replace("SELL", "HOLD", StringComparison.Ordinal) },
        { "side as a number", PriceChange.Replace("\"BUY\"", "1", StringComparison.Ordinal) },
        { "level price abc", Book.Replace("\"0.49\"", "\"abc\"", StringComparison.Ordinal) },
        { "level price with 5 decimals", Book.Replace("\"0.49\"", "\"0.12345\"", StringComparison.Ordinal) },
        { "level price with exponent", Book.Replace("\"0.49\"", "\"1e-2\"", StringComparison.Ordinal) },
        { "level size negative", Book.Replace("\"60\"", "\"-60\"", StringComparison.Ordinal) },
        { "level size with 7 decimals", Book.Replace("\"60\"", "\"0.1234567\"", StringComparison.Ordinal) },
        { "level without size", Book.Replace(",\"size\":\"60\"", "", StringComparison.Ordinal) },
        { "entry price abc", PriceChange.Replace("\"price\":\"0.5\"", "\"price\":\"abc\"", StringComparison.Ordinal) },
        { "entry price with 5 decimals", PriceChange.Replace("\"price\":\"0.5\"", "\"price\":\"0.50001\"", StringComparison.Ordinal) },
        { "entry best_bid abc", PriceChange.Replace("\"best_bid\":\"0.5\"", "\"best_bid\":\"abc\"", StringComparison.Ordinal) },
        { "entry without asset_id", PriceChange.Replace("\"asset_id\":\"7\",", "", StringComparison.Ordinal) },
        { "entry without side", PriceChange.Replace(",\"side\":\"BUY\"", "", StringComparison.Ordinal) },
        { "trade price abc", Trade.Replace("\"0.5\"", "\"abc\"", StringComparison.Ordinal) },
        { "trade fee rate with decimals", Trade.Replace("\"fee_rate_bps\":\"0\"", "\"fee_rate_bps\":\"0.5\"", StringComparison.Ordinal) },
        { "timestamp not a number", Book.Replace("\"timestamp\":\"1\"", "\"timestamp\":\"soon\"", StringComparison.Ordinal) },
        { "timestamp negative", Book.Replace("\"timestamp\":\"1\"", "\"timestamp\":-1", StringComparison.Ordinal) },
        { "book without asset_id", Book.Replace("\"asset_id\":\"7\",", "", StringComparison.Ordinal) },
        { "book without asks", Book.Replace(",\"asks\":[{\"price\":\"0.5\",\"size\":\"16\"}]", "", StringComparison.Ordinal) },
        { "price_change without entries or asset", """{"event_type":"price_change","market":"0x1"}""" },
        { "tick_size_change without new tick", """{"event_type":"tick_size_change","asset_id":"7","old_tick_size":"0.01"}""" },
        { "best_bid_ask without best_ask", """{"event_type":"best_bid_ask","asset_id":"7","best_bid":"0.5"}""" },
        { "market_resolved without assets_ids", """{"event_type":"market_resolved","market":"0x1","winning_asset_id":"7"}""" },
        { "number where event object expected", "[1]" },
        { "number after a valid event", "[" + Book + ",2]" },
        { "number where level expected", Book.Replace("[{\"price\":\"0.49\",\"size\":\"60\"}]", "[5]", StringComparison.Ordinal) },
        { "object where bids array expected", Book.Replace("[{\"price\":\"0.49\",\"size\":\"60\"}]", "{}", StringComparison.Ordinal) },
        { "number where entries expected", """{"event_type":"price_change","market":"0x1","price_changes":7}""" },
        { "number where entry expected", """{"event_type":"price_change","market":"0x1","price_changes":[7]}""" },
        { "number where asset_id expected", Book.Replace("\"asset_id\":\"7\"", "\"asset_id\":7", StringComparison.Ordinal) },
        { "escaped asset_id", Book.Replace("\"asset_id\":\"7\"", "\"asset_id\":\"\\u0037\"", StringComparison.Ordinal) },
        { "deep nesting in an unknown key", "{\"event_type\":\"x\",\"a\":" + new string('[', 100) + new string(']', 100) + "}" },
        { "deep nesting at the top", new string('[', 300) + new string(']', 300) },
        { "deep nesting of objects", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void Parse_BadFrame_IsMalformedAndDispatchesNothing(string reason, string frame)
    {
        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.True(result.Kind == FrameKind.Malformed, $"{reason}: {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), reason);
        Assert.Equal(0, result.EventCount);
        Assert.Empty(_handler.Events);
        AssertNothingCounted();
    }

    [Theory]
    [InlineData("""{"event_type":"last_trade_price","asset_id":"7","market":"0x1","price":"0.5","side":"HOLD"}""")]
    [InlineData("""{"event_type":"last_trade_price","asset_id":"7","market":"0x1","price":"abc","side":"BUY"}""")]
    [InlineData("""{"event_type":"book","asset_id":"7","bids":[{"price":"0.1","size":"1"}]}""")]
    [InlineData("""{"event_type":"last_trade_price","asset_id":"7","price":"0.""")]
    [InlineData("7")]
    [InlineData("[]")]
    public void Parse_ArrayWhoseThirdElementIsBad_DispatchesNothing(string third)
    {
        // The first two events are valid (one even carries drift), the third is not.
        var withDrift = Book.Replace("\"market\"", "\"sequence\":1,\"market\"", StringComparison.Ordinal);
        var frame = $"[{withDrift},{PriceChange},{third}]";

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.True(result.Kind == FrameKind.Malformed, $"{third}: {result}");
        Assert.NotNull(result.Error);
        Assert.Empty(_handler.Events);
        AssertNothingCounted();
    }

    [Fact]
    public void Parse_ValidFrameAfterMalformedOne_IsUnaffected()
    {
        var bigBad = "[" + Book.Replace("\"price\":\"0.49\",\"size\":\"60\"", string.Join(",", Enumerable.Repeat("{\"price\":\"0.1\",\"size\":\"1\"}", 200)) + ",{\"price\":\"x\"", StringComparison.Ordinal) + "]";
        Assert.Equal(FrameKind.Malformed, _parser.Parse(Utf8(bigBad), _handler).Kind);

        var result = _parser.Parse(Utf8(Book), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        var book = _handler.Single<RecordedBook>();
        Assert.Equal(["0.49@60"], book.Bids.Select(l => l.ToString()));
        Assert.Equal(["0.5@16"], book.Asks.Select(l => l.ToString()));
    }

    [Fact]
    public void Parse_ErrorMessage_NamesTheOffendingField()
    {
        var side = _parser.Parse(Utf8(PriceChange.Replace("BUY", "HOLD", StringComparison.Ordinal)), _handler);
        var price = _parser.Parse(Utf8(Book.Replace("\"0.49\"", "\"abc\"", StringComparison.Ordinal)), _handler);
        var trade = _parser.Parse(Utf8(Trade.Replace("BUY", "HOLD", StringComparison.Ordinal)), _handler);

        Assert.Contains("side", side.Error, StringComparison.Ordinal);
        Assert.Contains("price", price.Error, StringComparison.Ordinal);
        Assert.Contains("last_trade_price.side", trade.Error, StringComparison.Ordinal);
    }

    private void AssertNothingCounted()
    {
        var statistics = _parser.Statistics;
        Assert.Equal(1, statistics.Frames);
        Assert.Equal(1, statistics.FramesOf(FrameKind.Malformed));
        Assert.All(Enum.GetValues<MarketEventType>(), type => Assert.Equal(0, statistics.EventsOf(type)));
        Assert.Empty(statistics.Drift.FieldCounts());
        Assert.Empty(statistics.Drift.EventTypeCounts());
    }
}
