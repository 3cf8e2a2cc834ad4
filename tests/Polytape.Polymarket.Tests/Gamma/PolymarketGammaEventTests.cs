using System.Text;
using Polytape.Polymarket.Gamma;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.Gamma;

public sealed class PolymarketGammaEventTests
{
    [Fact]
    public void ParseEvents_Events2026_ReadsEventWithNestedMarketsAndTags()
    {
        var events = PolymarketGammaJson.ParseEvents(RealData.ReadAllBytes("nautilus_gamma_events_2026-03.json"));

        var single = Assert.Single(events);
        Assert.Equal("30829", single.Id);
        Assert.Equal("democratic-presidential-nominee-2028", single.Slug);
        Assert.Equal("Democratic Presidential Nominee 2028", single.Title);
        Assert.True(single.NegRisk);
        Assert.Equal("0x2c3d7e0eee6f058be3006baabf0d54a07da254ba47fe6e3e095e7990c7814700", single.NegRiskMarketId);
        Assert.Equal("43042905.16152", single.Liquidity);
        Assert.Equal("799823812.487094", single.Volume);
        Assert.Equal("0", single.OpenInterest);
        Assert.Equal(575, single.CommentCount);

        Assert.NotNull(single.Markets);
        Assert.Equal(2, single.Markets.Count);
        var first = single.Markets[0];
        Assert.Equal("559657", first.Id);
        Assert.Equal("0xc8f1cf5d4f26e0fd9c8fe89f2a7b3263b902cf14fde7bfccef525753bb492e47", first.ConditionId);
        Assert.Equal("Stephen A. Smith", first.GroupItemTitle);
        Assert.Equal(["0.0105", "0.9895"], first.OutcomePrices);
        Assert.Equal("400500.66675", first.Liquidity);
        Assert.All(single.Markets, m =>
        {
            Assert.Equal(2, m.ClobTokenIds?.Count);
            Assert.Equal(single.NegRiskMarketId, m.NegRiskMarketId);
        });

        Assert.NotNull(single.Tags);
        Assert.Equal(7, single.Tags.Count);
        Assert.Equal(("2", "Politics", "politics"), (single.Tags[3].Id, single.Tags[3].Label, single.Tags[3].Slug));
        Assert.True(single.Tags[1].ForceShow);
    }

    [Fact]
    public void ParseEvent_EventsKeysetPage_ReadsCursor()
    {
        var page = PolymarketGammaJson.ParseEventsKeysetPage(
            """{"events":[{"id":"1","slug":"btc-updown-5m-1784850900","volume":12.5}],"next_cursor":"abc"}"""u8);

        Assert.False(page.IsLastPage);
        Assert.Equal("12.5", Assert.Single(page.Events).Volume);
    }

    [Fact]
    public void ParseEvent_WithSeries_ReadsNestedSeries()
    {
        var gammaEvent = PolymarketGammaJson.ParseEvent(
            """{"id":"9","series":[{"id":"10684","slug":"btc-up-or-down-5m","recurrence":"5m"}]}"""u8);

        var series = Assert.Single(gammaEvent.Series!);
        Assert.Equal(("10684", "btc-up-or-down-5m", "5m"), (series.Id, series.Slug, series.Recurrence));
    }

    [Fact]
    public void ParseEvents_ObjectInsteadOfArray_ThrowsFormatExceptionNamingModel()
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketGammaJson.ParseEvents(Encoding.UTF8.GetBytes("""{"id":"1"}""")));

        Assert.Contains(nameof(PolymarketGammaEvent), ex.Message, StringComparison.Ordinal);
    }
}
