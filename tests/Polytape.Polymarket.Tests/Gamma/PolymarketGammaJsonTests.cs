using Polytape.Polymarket.Gamma;

namespace Polytape.Polymarket.Tests.Gamma;

public sealed class PolymarketGammaJsonTests
{
    [Fact]
    public void ParseTags_NautilusShape_ReadsTags()
    {
        var tags = PolymarketGammaJson.ParseTags(
            """[{"id":"21","label":"Crypto","slug":"crypto","forceShow":false,"createdAt":"2023-11-02T21:24:31.198Z","updatedAt":"2026-03-09T22:32:04.396035Z","requiresTranslation":false}]"""u8);

        var tag = Assert.Single(tags);
        Assert.Equal(("21", "Crypto", "crypto"), (tag.Id, tag.Label, tag.Slug));
        Assert.False(tag.ForceShow);
        Assert.False(tag.AdditionalProperties?["requiresTranslation"].GetBoolean());
    }

    [Fact]
    public void ParseSeriesList_WithEvents_ReadsNestedEvents()
    {
        var list = PolymarketGammaJson.ParseSeriesList(
            """[{"id":"10192","ticker":"btc-up-or-down-15m","slug":"btc-up-or-down-15m","seriesType":"single","recurrence":"15m","active":true,"volume":1234.5,"competitive":"0.9","events":[{"id":"1","slug":"btc-updown-15m-1759999500"}]}]"""u8);

        var series = Assert.Single(list);
        Assert.Equal("15m", series.Recurrence);
        Assert.Equal("1234.5", series.Volume);
        Assert.Equal("btc-updown-15m-1759999500", Assert.Single(series.Events!).Slug);
    }

    [Fact]
    public void ParseSeries_One_ReadsId() =>
        Assert.Equal("10684", PolymarketGammaJson.ParseSeries("""{"id":"10684"}"""u8).Id);

    [Fact]
    public void ParseTag_One_ReadsLabel() =>
        Assert.Equal("Bitcoin", PolymarketGammaJson.ParseTag("""{"id":"235","label":"Bitcoin"}"""u8).Label);

    [Fact]
    public void ParseMarketsKeysetPage_NullCursor_IsLastPage()
    {
        var page = PolymarketGammaJson.ParseMarketsKeysetPage("""{"markets":[{"id":"1"}],"next_cursor":null}"""u8);

        Assert.True(page.IsLastPage);
        Assert.Equal("1", Assert.Single(page.Markets).Id);
    }

    [Fact]
    public void ParseMarkets_Array_ReadsMarkets() =>
        Assert.Equal(2, PolymarketGammaJson.ParseMarkets("""[{"id":"1"},{"id":"2"}]"""u8).Count);

    [Fact]
    public void ParseSeriesList_Truncated_ThrowsFormatExceptionNamingModel()
    {
        var ex = Assert.Throws<PolymarketFormatException>(() => PolymarketGammaJson.ParseSeriesList("""[{"id":"1"""u8));

        Assert.Contains(nameof(PolymarketGammaSeries), ex.Message, StringComparison.Ordinal);
    }
}
