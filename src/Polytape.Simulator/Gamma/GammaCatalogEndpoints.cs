using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Gamma;

/// <summary>Gamma <c>/series</c> (events nested unless <c>exclude_events=true</c>) and <c>/tags</c>.</summary>
internal static class GammaCatalogEndpoints
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    public static IResult SeriesList(HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        if (GammaQuery.TryParse(request.Query, out var query) is { } error)
        {
            return GammaResults.Unprocessable(error);
        }

        List<PolymarketGammaSeries> page;
        lock (engine.Gate)
        {
            var now = time.GetUtcNow();
            page = engine.Universe.Series
                .Where(s => (query.Slugs.Count == 0 || query.Slugs.Contains(s.Slug))
                    && (query.Ids.Count == 0 || query.Ids.Contains(s.Id))
                    && (query.Recurrence is null || query.Recurrence == s.Recurrence)
                    && query.Closed is null or false)
                .OrderBy(s => GammaFilters.NumericId(s.Id))
                .Skip(query.Offset).Take(query.Limit)
                .Select(s => GammaSeries.ToWire(s, now, withEvents: !query.ExcludeEvents))
                .ToList();
        }

        return GammaResults.Json<IReadOnlyList<PolymarketGammaSeries>>(page, Context.IReadOnlyListPolymarketGammaSeries);
    }

    public static IResult SeriesById(string id, HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        var excludeEvents = bool.TryParse(request.Query["exclude_events"], out var exclude) && exclude;
        PolymarketGammaSeries? series;
        lock (engine.Gate)
        {
            series = engine.Universe.Series.Find(s => s.Id == id) is { } found ? GammaSeries.ToWire(found, time.GetUtcNow(), !excludeEvents) : null;
        }

        return series is null ? GammaResults.NotFound() : GammaResults.Json(series, Context.PolymarketGammaSeries);
    }

    public static IResult Tags(HttpRequest request, MarketEngine engine)
    {
        if (GammaQuery.TryParse(request.Query, out var query) is { } error)
        {
            return GammaResults.Unprocessable(error);
        }

        List<string> labels;
        lock (engine.Gate)
        {
            labels = GammaTags.Labels(engine.Universe);
        }

        var page = labels.Skip(query.Offset).Take(query.RequestedLimit is null ? labels.Count : query.Limit).Select(GammaTags.ToWire).ToList();
        return GammaResults.Json<IReadOnlyList<PolymarketGammaTag>>(page, Context.IReadOnlyListPolymarketGammaTag);
    }

    public static IResult Tag(Func<string, bool> match, MarketEngine engine)
    {
        string? label;
        lock (engine.Gate)
        {
            label = GammaTags.Labels(engine.Universe).Find(l => match(l));
        }

        return label is null ? GammaResults.NotFound() : GammaResults.Json(GammaTags.ToWire(label), Context.PolymarketGammaTag);
    }
}
