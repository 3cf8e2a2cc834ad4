using System.Text;
using System.Text.Json;
using Polytape.Polymarket.Gamma;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.Gamma;

/// <summary>The compact form discovery reads reads the same values as the full model from real bodies.</summary>
public sealed class PolymarketGammaListedMarketTests
{
    [Theory]
    [InlineData("nautilus_gamma_market_live_2026-06.json")]
    [InlineData("nautilus_gamma_market_closed_2026-05.json")]
    public void ParseListedMarkets_RealMarket_ReadsWhatTheFullModelReads(string file)
    {
        var body = RealData.ReadAllBytes(file);
        var full = PolymarketGammaJson.ParseMarket(body);

        var listed = Assert.Single(PolymarketGammaJson.ParseListedMarkets([.. "["u8, .. body, .. "]"u8]));

        Assert.Equal(full.Id, listed.Id);
        Assert.Equal(full.Question, listed.Question);
        Assert.Equal(full.ConditionId, listed.ConditionId);
        Assert.Equal(full.Slug, listed.Slug);
        Assert.Equal(full.EndDate, listed.EndDate);
        Assert.Equal(full.Active, listed.Active);
        Assert.Equal(full.Closed, listed.Closed);
        Assert.Equal(full.Archived, listed.Archived);
        Assert.Equal(full.EnableOrderBook, listed.EnableOrderBook);
        Assert.Equal(full.AcceptingOrders, listed.AcceptingOrders);
        Assert.Equal(full.ClobTokenIds, listed.ClobTokenIds);
        Assert.Equal(full.Outcomes, listed.Outcomes);
        Assert.Equal(full.OrderPriceMinTickSize, listed.OrderPriceMinTickSize);
        Assert.Equal(full.OrderMinSize, listed.OrderMinSize);
        Assert.Equal(full.NegRisk, listed.NegRisk);
        Assert.NotNull(listed.ClobTokenIds);
    }

    [Fact]
    public void ParseListedMarketsPage_EveryBtcFiveMinuteRaw_ReadsTokensAndCursor()
    {
        var raws = RealData.ReadGzipLines("ligengxin96_gamma_btc5m_markets_2026-07-24.jsonl.gz")
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("raw").GetRawText())
            .ToList();

        var page = PolymarketGammaJson.ParseListedMarketsPage(Encoding.UTF8.GetBytes($$"""{"markets":[{{string.Join(',', raws)}}],"next_cursor":"abc"}"""));

        Assert.Equal(292, page.Markets.Count);
        Assert.All(page.Markets, m => Assert.Equal(2, m.ClobTokenIds?.Count));
        Assert.Equal("abc", page.NextCursor);
        Assert.False(page.IsLastPage);
    }

    [Fact]
    public void ParseListedEvents_ReadsNestedMarketsOnly()
    {
        var events = PolymarketGammaJson.ParseListedEvents(RealData.ReadAllBytes("nautilus_gamma_events_2026-03.json"));
        var full = PolymarketGammaJson.ParseEvents(RealData.ReadAllBytes("nautilus_gamma_events_2026-03.json"));

        Assert.Equal(full.Select(e => e.Id), events.Select(e => e.Id));
        Assert.Equal(
            full.SelectMany(e => e.Markets ?? []).Select(m => m.ConditionId),
            events.SelectMany(e => e.Markets ?? []).Select(m => m.ConditionId));
    }
}
