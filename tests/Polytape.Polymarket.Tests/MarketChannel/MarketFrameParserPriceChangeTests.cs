using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>price_change in the current schema and both legacy shapes (protocol §3.2–3.3).</summary>
public sealed class MarketFrameParserPriceChangeTests
{
    private const string Asset = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    private const string Market = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";

    /// <summary>The migration guide's legacy message, verbatim.</summary>
    private const string MigrationGuideLegacy = """
        {
          "asset_id": "71321045679252212594626385532706912750332728571942532289631379312455583992563",
          "changes": [
            {
              "price": "0.4",
              "side": "SELL",
              "size": "3300"
            }
          ],
          "event_type": "price_change",
          "market": "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1",
          "timestamp": "1729084877448",
          "hash": "3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd"
        }
        """;

    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    [Fact]
    public void Parse_MigrationGuideLegacyChanges_EntryCarriesRootAssetAndHash()
    {
        var result = _parser.Parse(Utf8(MigrationGuideLegacy), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        var change = _handler.Single<RecordedPriceChange>();
        Assert.True(change.IsLegacy);
        Assert.Equal(Market, change.Market);
        Assert.Equal(1729084877448, change.TimestampMs);
        var entry = Assert.Single(change.Entries);
        Assert.Equal(
            new RecordedPriceChangeEntry(Asset, Side.Ask, "0.4", "3300", "3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd", "", "", false),
            entry);
    }

    [Fact]
    public void Parse_LegacyChangesBeforeRootAsset_EveryEntryGetsRootAssetAndHash()
    {
        var frame = """
            {"event_type":"price_change","changes":[{"price":"0.4","side":"SELL","size":"3300"},{"size":"12.5","side":"BUY","price":"0.39"}],
             "hash":"3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd","asset_id":"42","market":"0x1","timestamp":"1729084877448"}
            """;

        _parser.Parse(Utf8(frame), _handler);

        var change = _handler.Single<RecordedPriceChange>();
        Assert.True(change.IsLegacy);
        Assert.Equal(
            [
                new RecordedPriceChangeEntry("42", Side.Ask, "0.4", "3300", "3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd", "", "", false),
                new RecordedPriceChangeEntry("42", Side.Bid, "0.39", "12.5", "3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd", "", "", false),
            ],
            change.Entries);
    }

    [Fact]
    public void Parse_LegacyWithoutHash_EntriesHaveNoHash()
    {
        var frame = """{"event_type":"price_change","asset_id":"42","changes":[{"price":"0.4","side":"SELL","size":"3300"}]}""";

        _parser.Parse(Utf8(frame), _handler);

        var entry = Assert.Single(_handler.Single<RecordedPriceChange>().Entries);
        Assert.Null(entry.Hash);
        Assert.Equal("42", entry.AssetId);
    }

    [Fact]
    public void Parse_LegacyChangesWithoutRootAsset_IsMalformed()
    {
        var frame = """{"event_type":"price_change","changes":[{"price":"0.4","side":"SELL","size":"3300"}],"market":"0x1"}""";

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Malformed, result.Kind);
        Assert.Contains("asset_id", result.Error, StringComparison.Ordinal);
        Assert.Empty(_handler.Events);
    }

    [Theory]
    [InlineData("\"price\":\"\",\"size\":\"5\"")]
    [InlineData("\"price\":\"0.5\",\"size\":\"\"")]
    [InlineData("\"price\":null,\"size\":\"5\"")]
    public void Parse_LegacyFlatWithEmptyPriceOrSize_IsMalformed(string priceAndSize)
    {
        // A level change without a price or size cannot be applied; the other shapes already refuse it.
        var frame = $$"""{"event_type":"price_change","asset_id":"42","side":"BUY",{{priceAndSize}},"timestamp":"1"}""";

        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(FrameKind.Malformed, result.Kind);
        Assert.Empty(_handler.Events);
    }

    [Fact]
    public void Parse_CurrentSchemaWithEmptyBestPrices_KeepsThemEmptyButPresent()
    {
        var frame = """
            {"market":"0x1","price_changes":[{"asset_id":"7","price":"0.5","size":"0","side":"BUY","hash":"56621a121a47ed9333273e21c83b660cff37ae50","best_bid":"","best_ask":"1"}],"timestamp":"1757908892351","event_type":"price_change"}
            """;

        _parser.Parse(Utf8(frame), _handler);

        var change = _handler.Single<RecordedPriceChange>();
        Assert.False(change.IsLegacy);
        Assert.Equal(new RecordedPriceChangeEntry("7", Side.Bid, "0.5", "0", "56621a121a47ed9333273e21c83b660cff37ae50", "", "1", true), Assert.Single(change.Entries));
    }

    [Fact]
    public void Parse_EntryWithoutBestAskOrWithPlaceholderHash_FlagsThemAbsent()
    {
        var frame = """{"event_type":"price_change","market":"0x1","price_changes":[{"asset_id":"7","price":"0.5","size":"3","side":"sell","hash":"0xabc123...","best_bid":"0.4"}]}""";

        _parser.Parse(Utf8(frame), _handler);

        var entry = Assert.Single(_handler.Single<RecordedPriceChange>().Entries);
        Assert.Equal(Side.Ask, entry.Side);
        Assert.Null(entry.Hash);
        Assert.False(entry.HasBestBidAsk);
        Assert.Equal("0.4", entry.BestBid);
        Assert.Equal(-1, _handler.Single<RecordedPriceChange>().TimestampMs);
    }

    [Fact]
    public void Parse_ManyEntries_GrowsScratchAndKeepsOrder()
    {
        const int Count = 40;
        var entries = Enumerable.Range(1, Count).Select(i =>
            $$"""{"asset_id":"{{i}}","price":"0.{{i:D2}}","size":"{{i}}","side":"{{(i % 2 == 0 ? "BUY" : "SELL")}}","hash":"{{new string('a', 39)}}{{i % 10}}","best_bid":"0.01","best_ask":"0.99"}""");
        var frame = $$"""{"event_type":"price_change","market":"0x1","timestamp":"5","price_changes":[{{string.Join(',', entries)}}]}""";

        Assert.Equal(FrameKind.Events, _parser.Parse(Utf8(frame), _handler).Kind);
        _parser.Parse(Utf8(frame), _handler);

        var change = _handler.At<RecordedPriceChange>(1);
        Assert.Equal(Count, change.Entries.Count);
        for (var i = 1; i <= Count; i++)
        {
            var entry = change.Entries[i - 1];
            Assert.Equal($"{i}", entry.AssetId);
            Assert.Equal($"0.{i:D2}", entry.Price); // "0.10" keeps the written decimals
            Assert.Equal(i % 2 == 0 ? Side.Bid : Side.Ask, entry.Side);
            Assert.Equal($"{new string('a', 39)}{i % 10}", entry.Hash);
        }
    }
}
