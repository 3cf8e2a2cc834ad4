using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Gamma;

/// <summary>Gamma <c>/events</c> (with nested markets), <c>/events/keyset</c> and single events by id or slug.</summary>
internal static class GammaEventEndpoints
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    public static IResult List(HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        if (GammaQuery.TryParse(request.Query, out var query) is { } error)
        {
            return GammaResults.Unprocessable(error);
        }

        List<PolymarketGammaEvent> page;
        lock (engine.Gate)
        {
            var now = time.GetUtcNow();
            var universe = engine.Universe;
            var matches = GammaFilters.Sort(universe.Events.Where(e => GammaFilters.Matches(e, query)), query);
            page = matches.Skip(query.Offset).Take(query.Limit).Select(e => GammaEvents.ToWire(e, universe, now, withMarkets: true)).ToList();
        }

        return GammaResults.Json<IReadOnlyList<PolymarketGammaEvent>>(page, Context.IReadOnlyListPolymarketGammaEvent);
    }

    public static IResult Keyset(HttpRequest request, MarketEngine engine, TimeProvider time)
    {
        var error = GammaQuery.TryParse(request.Query, out var query);
        long afterId = 0;
        if ((error ?? GammaKeyset.Validate(query, out afterId)) is { } refusal)
        {
            return GammaResults.Unprocessable(refusal);
        }

        PolymarketGammaEventsKeysetPage page;
        lock (engine.Gate)
        {
            var now = time.GetUtcNow();
            var universe = engine.Universe;
            var matches = universe.Events.Where(e => GammaFilters.Matches(e, query));
            var (events, next) = GammaKeyset.Page(matches, e => GammaFilters.NumericId(e.Id), afterId, query.Limit);
            page = new PolymarketGammaEventsKeysetPage
            {
                Events = events.Select(e => GammaEvents.ToWire(e, universe, now, withMarkets: true)).ToList(),
                NextCursor = next,
            };
        }

        return GammaResults.Json(page, Context.PolymarketGammaEventsKeysetPage);
    }

    public static IResult ById(string id, MarketEngine engine, TimeProvider time) =>
        One(engine, time, universe => universe.Events.FirstOrDefault(e => e.Id == id));

    public static IResult BySlug(string slug, MarketEngine engine, TimeProvider time) =>
        One(engine, time, universe => universe.TryGetEventBySlug(slug, out var found) ? found : null);

    private static IResult One(MarketEngine engine, TimeProvider time, Func<SimulatorUniverse, SimulatedEvent?> find)
    {
        PolymarketGammaEvent? wire;
        lock (engine.Gate)
        {
            wire = find(engine.Universe) is { } found ? GammaEvents.ToWire(found, engine.Universe, time.GetUtcNow(), withMarkets: true) : null;
        }

        return wire is null ? GammaResults.NotFound() : GammaResults.Json(wire, Context.PolymarketGammaEvent);
    }
}
