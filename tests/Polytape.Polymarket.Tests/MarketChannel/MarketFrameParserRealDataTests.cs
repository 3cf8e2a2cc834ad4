using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;
using Polytape.TestSupport;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Every real WebSocket capture parses, with values checked against the files.</summary>
public sealed class MarketFrameParserRealDataTests
{
    private const string TrumpMarket = "0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917";
    private const string TrumpNoToken = "48331043336612883890938759509493159234755048973500640148014422747788308965732";
    private const string NvdaMarket = "0x311d0c4b6671ab54af4970c06fcf58662516f5168997bdda209ec3db5aa6b0c1";
    private const string NvdaYes = "76043073756653678226373981964075571318267289248134717369284518995922789326425";
    private const string NvdaNo = "31690934263385727664202099278545688007799199447969475608906331829650099442770";
    private const string ChainMarket = "0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e";
    private const string ChainTokenA = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
    private const string ChainTokenB = "3329029450753225654467003002742946394863848082479209219558348197750220015613";
    private const string GoMarket = "0x0936baff284871821b1ab5c64d33d67f117392dba34d461fe04360df893dfde4";
    private const string GoTokenA = "25245433628208476987364023432306599125597948324625578977436890641930158259698";
    private const string GoTokenB = "20168250870314270898487593595943592687458358996170785976290704639743788087191";

    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    [Fact]
    public void Parse_DocsBestBidAsk_ReadsPricesSpreadAndTime()
    {
        AssertEvents(ParseFile("docs_example_ws_best_bid_ask.json"), 1);

        var bba = _handler.Single<RecordedBestBidAsk>();
        Assert.Equal("0x0005c0d312de0be897668695bae9f32b624b4a1ae8b140c49f08447fcc74f442", bba.Market);
        Assert.Equal("85354956062430465315924116860125388538595433819574542752031640332592237464430", bba.AssetId);
        Assert.Equal("0.73", bba.BestBid);
        Assert.Equal("0.77", bba.BestAsk);
        Assert.Equal("0.04", bba.Spread);
        Assert.Equal(1766789469958, bba.TimestampMs);
        Assert.Equal(1, _parser.Statistics.EventsOf(MarketEventType.BestBidAsk));
    }

    [Fact]
    public void Parse_DocsNewMarket_ReadsHotFieldsAndKeepsWholeObject()
    {
        var file = "docs_example_ws_new_market.json";
        AssertEvents(ParseFile(file), 1);

        var notice = _handler.Single<RecordedMarketNotice>();
        Assert.Equal(MarketEventType.NewMarket, notice.EventType);
        Assert.Equal("1031769", notice.Id);
        Assert.Equal(NvdaMarket, notice.Market);
        Assert.Equal([NvdaYes, NvdaNo], notice.AssetIds);
        Assert.Equal("", notice.WinningAssetId);
        Assert.Equal(1766790415550, notice.TimestampMs);
        Assert.StartsWith("{", notice.RawJson, StringComparison.Ordinal);
        Assert.EndsWith("}", notice.RawJson, StringComparison.Ordinal);
        Assert.Equal(RealData.ReadAllText(file).Trim(), notice.RawJson);

        // Every key of the AsyncAPI example is a known new_market key (event_message's nested id is not read as the root id).
        Assert.Empty(_parser.Statistics.Drift.FieldCounts());
    }

    [Fact]
    public void Parse_DocsMarketResolved_ReadsWinnerAndAssets()
    {
        var file = "docs_example_ws_market_resolved.json";
        AssertEvents(ParseFile(file), 1);

        var notice = _handler.Single<RecordedMarketNotice>();
        Assert.Equal(MarketEventType.MarketResolved, notice.EventType);
        Assert.Equal("1031769", notice.Id);
        Assert.Equal(NvdaMarket, notice.Market);
        Assert.Equal(2, notice.AssetIds.Count);
        Assert.Equal(NvdaYes, notice.AssetIds[0]);
        Assert.Equal(NvdaNo, notice.AssetIds[1]);
        Assert.Equal(NvdaYes, notice.WinningAssetId);
        Assert.Equal(1766790415550, notice.TimestampMs);
        Assert.StartsWith("{", notice.RawJson, StringComparison.Ordinal);
        Assert.EndsWith("}", notice.RawJson, StringComparison.Ordinal);
        Assert.Equal(RealData.ReadAllText(file).Trim(), notice.RawJson);
        Assert.Empty(_parser.Statistics.Drift.FieldCounts());
    }

    [Fact]
    public void Parse_NautilusDeepBook_ReadsAllLevelsInWireOrder()
    {
        AssertEvents(ParseFile("nautilus_ws_book_2024-10.json"), 1);

        var book = _handler.Single<RecordedBook>();
        Assert.Equal(TrumpMarket, book.Market);
        Assert.Equal(TrumpNoToken, book.AssetId);
        Assert.Equal(1728799418260, book.TimestampMs);
        Assert.Equal("655a38d4977427b086c25b985993691b753ed166", book.Hash);
        AssertLevels(book.Bids, 76, "0.001@9000023.58", "0.511@1304.72");
        AssertLevels(book.Asks, 86, "0.999@10500100", "0.514@20230.87");
        Assert.Equal("", book.TickSize);
        Assert.False(book.HasLastTradePrice);
        Assert.Equal("", book.MinOrderSize);
        Assert.Null(book.NegRisk);
        Assert.False(book.IsRestSummary);
    }

    [Fact]
    public void Parse_NautilusLastTradePrice_ReadsTakerSideAndFee()
    {
        AssertEvents(ParseFile("nautilus_ws_last_trade_price_2024-08.json"), 1);

        var trade = _handler.Single<RecordedLastTradePrice>();
        Assert.Equal(TrumpMarket, trade.Market);
        Assert.Equal("21742633143463906290569050155826241533067272736897614950488156847949938836455", trade.AssetId);
        Assert.Equal("0.491", trade.Price);
        Assert.Equal("85.36", trade.Size);
        Assert.Equal(Side.Ask, trade.TakerSide);
        Assert.Equal(0, trade.FeeRateBps);
        Assert.Equal(1724564136087, trade.TimestampMs);
        Assert.Equal("", trade.TransactionHash);
    }

    [Fact]
    public void Parse_NautilusLegacyFlatPriceChange_GivesOneEntryWithRootAssetAndHash()
    {
        AssertEvents(ParseFile("nautilus_ws_price_change_legacy_2024-08.json"), 1);

        var change = _handler.Single<RecordedPriceChange>();
        Assert.True(change.IsLegacy);
        Assert.Equal(TrumpMarket, change.Market);
        Assert.Equal(1723967931411, change.TimestampMs);
        var entry = Assert.Single(change.Entries);
        Assert.Equal(TrumpNoToken, entry.AssetId);
        Assert.Equal(Side.Ask, entry.Side);
        Assert.Equal("0.514", entry.Price);
        Assert.Equal("21574.08", entry.Size);
        Assert.Equal("bf32b3746fff40c76c98021b7f3f07261169dd26", entry.Hash);
        Assert.False(entry.HasBestBidAsk);
        Assert.Equal("", entry.BestBid);
        Assert.Equal("", entry.BestAsk);
    }

    [Fact]
    public void Parse_NautilusTickSizeChange_ReadsOldAndNewTick()
    {
        AssertEvents(ParseFile("nautilus_ws_tick_size_change_2025-02.json"), 1);

        var change = _handler.Single<RecordedTickSizeChange>();
        Assert.Equal("0xbacdf04bf7f22a670dc4fb408878ec56b76f9934599829455b9371693ba84b8b", change.Market);
        Assert.Equal("115474063863764126958837769719736461272619491980773624567012766320777398670353", change.AssetId);
        Assert.Equal("0.01", change.OldTickSize);
        Assert.Equal("0.001", change.NewTickSize);
        Assert.Equal(1739068041853, change.TimestampMs);
    }

    [Fact]
    public void Parse_PolypyBookWithoutEventType_InfersRestShapedBook()
    {
        AssertEvents(ParseFile("polypy_ws_book_2024-11.json"), 1);

        var book = _handler.Single<RecordedBook>();
        Assert.True(book.IsRestSummary);
        Assert.Equal("0xd7399bd24c16cdef567d71ef2352776c8861017146c4e99d727605f4d84ba94d", book.Market);
        Assert.Equal("101155325224907042624192777106604175185803921887395325080529159889944296783944", book.AssetId);
        Assert.Equal(1732928643796, book.TimestampMs);
        Assert.Equal("c298a90870afa056768fc82bf5217c9aa8665284", book.Hash);
        AssertLevels(book.Bids, 14, "0.001@211.27", "0.216@20");
        AssertLevels(book.Asks, 4, "0.999@150000", "0.254@150");
        Assert.Equal(1, _parser.Statistics.EventsOf(MarketEventType.Book));
        Assert.Equal(0, _parser.Statistics.EventsOf(MarketEventType.Unknown));
    }

    [Fact]
    public void Parse_HashChainLines_ClassifiesHeadingsAndReadsNumericTimestamps()
    {
        var lines = Lines(HashChainFile);
        Assert.Equal(10, lines.Count);
        var kinds = lines.Select(line => _parser.Parse(Utf8(line), _handler).Kind).ToList();

        Assert.Equal(
            [
                FrameKind.OtherText, FrameKind.Events, FrameKind.Empty, FrameKind.OtherText, FrameKind.Events,
                FrameKind.Events, FrameKind.Empty, FrameKind.OtherText, FrameKind.Events, FrameKind.Events,
            ],
            kinds);
        Assert.Equal(5, _handler.Events.Count);

        var book = _handler.At<RecordedBook>(0);
        Assert.False(book.IsRestSummary);
        Assert.Equal(ChainMarket, book.Market);
        Assert.Equal(ChainTokenA, book.AssetId);
        Assert.Equal(1761179883493, book.TimestampMs);
        Assert.Equal("f2bdf6bab7473bb8b9925aae72cee9242400db0a", book.Hash);
        AssertLevels(book.Bids, 18, "0.01@110000", "0.33@152.17");
        AssertLevels(book.Asks, 17, "0.99@26.96", "0.34@914.14");

        var first = _handler.At<RecordedPriceChange>(1);
        Assert.False(first.IsLegacy);
        Assert.Equal(ChainMarket, first.Market);
        Assert.Equal(1761179949036, first.TimestampMs);
        Assert.Equal(
            [
                new RecordedPriceChangeEntry(ChainTokenB, Side.Bid, "0.08", "0", "eb10ffd5c6ab383af860ca60a1ceb6e59b7a53ef", "0.66", "0.67", true),
                new RecordedPriceChangeEntry(ChainTokenA, Side.Ask, "0.92", "0", "b9ee8c0d2cc9a436dc6e70692b6882b881434d7b", "0.33", "0.34", true),
            ],
            first.Entries);

        // The REST book fetched right after carries the entry's hash and the price_change's timestamp.
        var rest = _handler.At<RecordedBook>(2);
        Assert.True(rest.IsRestSummary);
        Assert.Equal(ChainTokenA, rest.AssetId);
        Assert.Equal(1761179949036, rest.TimestampMs);
        Assert.Equal("b9ee8c0d2cc9a436dc6e70692b6882b881434d7b", rest.Hash);
        AssertLevels(rest.Bids, 18, "0.01@110000", "0.33@152.17");
        AssertLevels(rest.Asks, 16, "0.99@26.96", "0.34@914.14");
        Assert.Equal("0.01", rest.TickSize);
        Assert.Equal("5", rest.MinOrderSize);
        Assert.False(rest.NegRisk);
        Assert.False(rest.HasLastTradePrice);

        var second = _handler.At<RecordedPriceChange>(3);
        Assert.Equal(1761179967114, second.TimestampMs);
        Assert.Equal(
            [
                new RecordedPriceChangeEntry(ChainTokenA, Side.Bid, "0.06", "10.11", "b93c4a66e54f5d95852a5350c83631ae695ebf31", "0.33", "0.34", true),
                new RecordedPriceChangeEntry(ChainTokenB, Side.Ask, "0.94", "10.11", "3d2305c9b8bd33470a6591c82de5487a4cdc8032", "0.66", "0.67", true),
            ],
            second.Entries);

        var secondRest = _handler.At<RecordedBook>(4);
        Assert.Equal(1761179967114, secondRest.TimestampMs);
        Assert.Equal("b93c4a66e54f5d95852a5350c83631ae695ebf31", secondRest.Hash);
        Assert.Contains(new RecordedLevel("0.06", "10.11"), secondRest.Bids);

        Assert.Equal(3, _parser.Statistics.FramesOf(FrameKind.OtherText));
        Assert.Equal(2, _parser.Statistics.FramesOf(FrameKind.Empty));
        Assert.Equal(5, _parser.Statistics.FramesOf(FrameKind.Events));
    }

    [Fact]
    public void Parse_GoExcerptInitialDump_DispatchesBothBooksOfTheArray()
    {
        var result = _parser.Parse(Line(GoExcerptFile, 1), _handler);

        AssertEvents(result, 2);
        var yes = _handler.At<RecordedBook>(0);
        Assert.Equal(GoMarket, yes.Market);
        Assert.Equal(GoTokenA, yes.AssetId);
        Assert.Equal(1766481546487, yes.TimestampMs);
        Assert.Equal("8c7f21df4ea57ce24228402e20a307358e55a0fd", yes.Hash);
        AssertLevels(yes.Bids, 49, "0.01@3769.8", "0.49@60");
        AssertLevels(yes.Asks, 50, "0.99@3641.8", "0.5@16");
        Assert.True(yes.HasLastTradePrice);
        Assert.Equal("0.500", yes.LastTradePrice);
        Assert.Equal("", yes.TickSize);

        var no = _handler.At<RecordedBook>(1);
        Assert.Equal(GoTokenB, no.AssetId);
        Assert.Equal("a86a52c77278ed12e78225aeab19a3138f9418c4", no.Hash);
        AssertLevels(no.Bids, 50, "0.01@3641.8", "0.5@16");
        AssertLevels(no.Asks, 49, "0.99@3769.8", "0.51@60");
        Assert.Equal("0.500", no.LastTradePrice);
    }

    [Fact]
    public void Parse_GoExcerptSpacedPriceChange_ReadsBothLegs()
    {
        var frame = Line(GoExcerptFile, 2);
        Assert.Contains(", \"price_changes\"", System.Text.Encoding.UTF8.GetString(frame), StringComparison.Ordinal);

        AssertEvents(_parser.Parse(frame, _handler), 1);

        var change = _handler.Single<RecordedPriceChange>();
        Assert.False(change.IsLegacy);
        Assert.Equal(GoMarket, change.Market);
        Assert.Equal(1766481546776, change.TimestampMs);
        Assert.Equal(
            [
                new RecordedPriceChangeEntry(GoTokenA, Side.Bid, "0.49", "55", "bad813f84a3e7be740b95924fed984639e6798bc", "0.49", "0.5", true),
                new RecordedPriceChangeEntry(GoTokenB, Side.Ask, "0.51", "55", "eef80d141ea160c72c8644fd33c4e7cac54728fb", "0.5", "0.51", true),
            ],
            change.Entries);
    }

    [Fact]
    public void Parse_GoExcerptPostTradeBook_HasNoTickOrLastTradePrice()
    {
        AssertEvents(_parser.Parse(Line(GoExcerptFile, 3), _handler), 1);

        var book = _handler.Single<RecordedBook>();
        Assert.Equal(GoMarket, book.Market);
        Assert.Equal(GoTokenB, book.AssetId);
        Assert.Equal(1766481547845, book.TimestampMs);
        Assert.Equal("7d979de7586e893d33493d738300ab3f7027c661", book.Hash);
        AssertLevels(book.Bids, 49, "0.01@3641.8", "0.49@150.92");
        AssertLevels(book.Asks, 50, "0.99@3769.8", "0.5@28.84");
        Assert.False(book.HasLastTradePrice);
        Assert.Equal("", book.TickSize);
        Assert.False(book.IsRestSummary);
    }

    /// <summary>System.Text.Json's DOM is the oracle: every id, time, hash and level string must match it.</summary>
    [Theory]
    [MemberData(nameof(MarketChannelFrames.AllNames), MemberType = typeof(MarketChannelFrames))]
    public void Parse_EveryRealFrame_MatchesJsonDocumentReading(string name)
    {
        var frame = ByName(name);

        var result = _parser.Parse(frame, _handler);

        using var document = JsonDocument.Parse(frame);
        var objects = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().ToList()
            : [document.RootElement];
        AssertEvents(result, objects.Count);
        Assert.Empty(_parser.Statistics.Drift.FieldCounts());
        for (var i = 0; i < objects.Count; i++)
        {
            var expected = objects[i];
            switch (_handler.Events[i])
            {
                case RecordedBook book:
                    Assert.Equal(expected.GetProperty("asset_id").GetString(), book.AssetId);
                    Assert.Equal(expected.GetProperty("market").GetString(), book.Market);
                    Assert.Equal(expected.GetProperty("hash").GetString(), book.Hash);
                    Assert.Equal(Timestamp(expected), book.TimestampMs);
                    Assert.Equal(WireLevels(expected.GetProperty("bids")), book.Bids);
                    Assert.Equal(WireLevels(expected.GetProperty("asks")), book.Asks);
                    break;
                case RecordedPriceChange change when !change.IsLegacy:
                    Assert.Equal(Timestamp(expected), change.TimestampMs);
                    var entries = expected.GetProperty("price_changes").EnumerateArray().Select(e => new RecordedPriceChangeEntry(
                        e.GetProperty("asset_id").GetString()!,
                        e.GetProperty("side").GetString() == "BUY" ? Side.Bid : Side.Ask,
                        e.GetProperty("price").GetString()!,
                        e.GetProperty("size").GetString()!,
                        e.GetProperty("hash").GetString(),
                        e.GetProperty("best_bid").GetString()!,
                        e.GetProperty("best_ask").GetString()!,
                        true));
                    Assert.Equal(entries, change.Entries);
                    break;
                case RecordedEvent other:
                    Assert.Equal(Timestamp(expected), TimestampOf(other));
                    break;
            }
        }
    }

    private FrameParseResult ParseFile(string file) => _parser.Parse(RealData.ReadAllBytes(file), _handler);

    private void AssertEvents(FrameParseResult result, int count)
    {
        Assert.Null(result.Error);
        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal(count, result.EventCount);
        Assert.Equal(count, _handler.Events.Count);
        Assert.DoesNotContain(_handler.Events, e => e is RecordedUnknownEvent);
    }

    private static void AssertLevels(IReadOnlyList<RecordedLevel> levels, int count, string first, string last)
    {
        Assert.Equal(count, levels.Count);
        Assert.Equal(first, levels[0].ToString());
        Assert.Equal(last, levels[^1].ToString());
    }

    private static List<RecordedLevel> WireLevels(JsonElement side) =>
        side.EnumerateArray()
            .Select(level => new RecordedLevel(level.GetProperty("price").GetString()!, level.GetProperty("size").GetString()!))
            .ToList();

    private static long Timestamp(JsonElement element)
    {
        var timestamp = element.GetProperty("timestamp");
        return timestamp.ValueKind == JsonValueKind.Number ? timestamp.GetInt64() : long.Parse(timestamp.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long TimestampOf(RecordedEvent recorded) => recorded switch
    {
        RecordedPriceChange change => change.TimestampMs,
        RecordedLastTradePrice trade => trade.TimestampMs,
        RecordedTickSizeChange change => change.TimestampMs,
        RecordedBestBidAsk bestBidAsk => bestBidAsk.TimestampMs,
        RecordedMarketNotice notice => notice.TimestampMs,
        _ => -2,
    };
}
