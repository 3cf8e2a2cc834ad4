using System.Text.Json;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Tests.Rest;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Gamma;

/// <summary>Gamma markets and events invent no field names and no JSON types (see <see cref="RealShapes"/>).</summary>
public sealed class GammaRealShapeTests
{
    [Fact]
    public async Task GammaMarketsAndEvents_MatchRealCaptures()
    {
        var realMarkets = new List<JsonElement>
        {
            RealShapes.Parse(RealData.ReadAllText("nautilus_gamma_market_live_2026-06.json")),
            RealShapes.Parse(RealData.ReadAllText("nautilus_gamma_market_closed_2026-05.json")),
            RealShapes.Parse(RealData.ReadGzipLines("ligengxin96_gamma_btc5m_markets_2026-07-24.jsonl.gz")[0]).GetProperty("raw"),
        };
        var realEvent = RealShapes.Parse(RealData.ReadAllText("nautilus_gamma_events_2026-03.json"))[0];
        realMarkets.AddRange(realEvent.GetProperty("markets").EnumerateArray());

        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        SimulatedMarket rolling, negRisk;
        lock (sim.Engine.Gate)
        {
            rolling = sim.Engine.Universe.Markets.First(m => m.EventStartTime is not null && m.Status == MarketStatus.Active);
            negRisk = sim.Engine.Universe.Markets.First(m => m.NegRisk);
        }

        foreach (var slug in new[] { rolling.Slug, negRisk.Slug })
        {
            // "tags" comes with include_tag=true, which none of the captures used.
            RealShapes.AssertLike(realMarkets, RealShapes.Parse((await gamma.FetchAsync($"markets/slug/{slug}?include_tag=true")).Body), "tags");
        }

        // "series" is documented on events of a series; the captured event has none.
        var ev = RealShapes.Parse((await gamma.FetchAsync($"events/slug/{negRisk.Event.Slug}")).Body);
        RealShapes.AssertLike([realEvent], ev, "series");
        RealShapes.AssertLike(realEvent.GetProperty("tags").EnumerateArray(), ev.GetProperty("tags")[0]);
        foreach (var market in ev.GetProperty("markets").EnumerateArray())
        {
            RealShapes.AssertLike(realMarkets, market);
        }
    }
}
