using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Gamma;

/// <summary>Gamma <c>/markets</c> (offset pages, open markets unless <c>closed=true</c>), <c>/markets/keyset</c>, and single markets.</summary>
internal static class GammaMarketEndpoints
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    public static IResult List(HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        if (GammaQuery.TryParse(request.Query, out var query) is { } error)
        {
            return GammaResults.Unprocessable(error);
        }

        List<PolymarketGammaMarket> page;
        lock (engine.Gate)
        {
            var now = time.GetUtcNow();
            var matches = GammaFilters.Sort(engine.Universe.Markets.Where(m => GammaFilters.Matches(m, query, closedByDefault: false)), query);
            page = matches.Skip(query.Offset).Take(query.Limit).Select(m => GammaMarkets.ToWire(m, now, withEvents: true, query.IncludeTag)).ToList();
        }

        return GammaResults.Json<IReadOnlyList<PolymarketGammaMarket>>(page, Context.IReadOnlyListPolymarketGammaMarket);
    }

    public static IResult Keyset(HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        var error = GammaQuery.TryParse(request.Query, out var query);
        long afterId = 0;
        if ((error ?? GammaKeyset.Validate(query, out afterId)) is { } refusal)
        {
            return GammaResults.Unprocessable(refusal);
        }

        PolymarketGammaMarketsKeysetPage page;
        lock (engine.Gate)
        {
            var now = time.GetUtcNow();
            var matches = engine.Universe.Markets.Where(m => GammaFilters.Matches(m, query, closedByDefault: false));
            var (markets, next) = GammaKeyset.Page(matches, m => GammaFilters.NumericId(m.GammaId), afterId, query.Limit);
            page = new PolymarketGammaMarketsKeysetPage
            {
                Markets = markets.Select(m => GammaMarkets.ToWire(m, now, withEvents: true, query.IncludeTag)).ToList(),
                NextCursor = next,
            };
        }

        return GammaResults.Json(page, Context.PolymarketGammaMarketsKeysetPage);
    }

    public static IResult ById(string id, HttpRequest request, MarketEngine engine, TimeProvider time) =>
        One(engine, time, request, universe => universe.Markets.FirstOrDefault(m => m.GammaId == id));

    public static IResult BySlug(string slug, HttpRequest request, MarketEngine engine, TimeProvider time) =>
        One(engine, time, request, universe => universe.TryGetMarketBySlug(slug, out var market) ? market : null);

    // Single lookups ignore the closed default: a resolved market is still found by id or slug.
    private static IResult One(MarketEngine engine, TimeProvider time, HttpRequest request, Func<Universe.SimulatorUniverse, Exchange.SimulatedMarket?> find)
    {
        var includeTag = bool.TryParse(request.Query["include_tag"], out var include) && include;
        PolymarketGammaMarket? market;
        lock (engine.Gate)
        {
            market = find(engine.Universe) is { } found ? GammaMarkets.ToWire(found, time.GetUtcNow(), withEvents: true, includeTag) : null;
        }

        return market is null ? GammaResults.NotFound() : GammaResults.Json(market, Context.PolymarketGammaMarket);
    }
}
