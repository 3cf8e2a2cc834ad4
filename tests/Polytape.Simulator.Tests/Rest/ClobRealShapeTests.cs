using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>CLOB market listings invent no field names and no JSON types (see <see cref="RealShapes"/>).</summary>
public sealed class ClobRealShapeTests
{
    [Fact]
    public async Task ClobMarket_MatchesRealCaptures()
    {
        var real = new[]
        {
            RealShapes.Parse(RealData.ReadAllText("nautilus_clob_market_2024.json")),
            RealShapes.Parse(RealData.ReadAllText("nautilus_clob_market_closed_2026-05.json")),
        };
        await using var sim = await TestVenue.StartAsync();
        using var clob = TestVenue.Clob(sim);
        var page = RealShapes.Parse((await clob.FetchAsync("markets")).Body);
        Assert.Equal(["limit", "count", "next_cursor", "data"], page.EnumerateObject().Select(p => p.Name));
        foreach (var market in page.GetProperty("data").EnumerateArray())
        {
            RealShapes.AssertLike(real, market);
            RealShapes.AssertLike(real.Select(r => r.GetProperty("tokens")[0]), market.GetProperty("tokens")[0]);
        }
    }
}
