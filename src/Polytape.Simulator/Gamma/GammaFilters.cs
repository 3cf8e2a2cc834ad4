using System.Globalization;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Rest;

namespace Polytape.Simulator.Gamma;

/// <summary>Applies a <see cref="GammaQuery"/> to markets and events, and orders them. Call under the engine's gate.</summary>
public static class GammaFilters
{
    /// <summary>
    /// <paramref name="closedByDefault"/> is what an omitted <c>closed</c> means: false on <c>/markets</c> since
    /// 2026-04-09 (only open markets), null (no filter) on <c>/events</c>, whose default the docs do not settle.
    /// </summary>
    public static bool Matches(SimulatedMarket market, GammaQuery query, bool? closedByDefault)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(query);
        return Wanted(query.Closed ?? closedByDefault, market.Status >= MarketStatus.Ended)
            && Wanted(query.Active, true)
            && Wanted(query.Archived, false)
            && (query.Ids.Count == 0 || query.Ids.Contains(market.GammaId))
            && (query.Slugs.Count == 0 || query.Slugs.Contains(market.Slug))
            && (query.ClobTokenIds.Count == 0 || query.ClobTokenIds.Contains(market.Yes.Id) || query.ClobTokenIds.Contains(market.No.Id))
            && (query.ConditionIds.Count == 0 || query.ConditionIds.Contains(market.ConditionId))
            && GammaTags.Matches(market.Event.Tags, query.TagId, query.TagSlug)
            && InRange(market.CreatedAt, query.StartDateMin, query.StartDateMax)
            && InRange(market.EndDate, query.EndDateMin, query.EndDateMax);
    }

    public static bool Matches(SimulatedEvent simulatedEvent, GammaQuery query)
    {
        ArgumentNullException.ThrowIfNull(simulatedEvent);
        ArgumentNullException.ThrowIfNull(query);
        return Wanted(query.Closed, GammaEvents.IsClosed(simulatedEvent))
            && Wanted(query.Active, true)
            && Wanted(query.Archived, false)
            && (query.Ids.Count == 0 || query.Ids.Contains(simulatedEvent.Id))
            && (query.Slugs.Count == 0 || query.Slugs.Contains(simulatedEvent.Slug))
            && (query.SeriesSlug is null || query.SeriesSlug == simulatedEvent.SeriesSlug)
            && GammaTags.Matches(simulatedEvent.Tags, query.TagId, query.TagSlug)
            && InRange(simulatedEvent.StartDate ?? simulatedEvent.CreatedAt, query.StartDateMin, query.StartDateMax)
            && InRange(simulatedEvent.EndDate, query.EndDateMin, query.EndDateMax);
    }

    /// <summary>By the <c>order</c> fields that are known camelCase names, then by id.</summary>
    public static List<SimulatedMarket> Sort(IEnumerable<SimulatedMarket> markets, GammaQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.Order.Select(MarketKey).OfType<Func<SimulatedMarket, IComparable>>().ToList();
        return SortBy(markets, keys, query.Ascending, m => NumericId(m.GammaId));
    }

    public static List<SimulatedEvent> Sort(IEnumerable<SimulatedEvent> events, GammaQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.Order.Select(EventKey).OfType<Func<SimulatedEvent, IComparable>>().ToList();
        return SortBy(events, keys, query.Ascending, e => NumericId(e.Id));
    }

    public static long NumericId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;

    private static Func<SimulatedMarket, IComparable>? MarketKey(string field) => field switch
    {
        "id" => m => NumericId(m.GammaId),
        "slug" => m => m.Slug,
        "question" => m => m.Question,
        "endDate" => m => m.EndDate,
        "startDate" or "createdAt" => m => m.CreatedAt,
        "eventStartTime" => m => m.EventStartTime ?? m.EndDate,
        "liquidity" or "liquidityNum" => m => BookPrices.Liquidity(m.Yes),
        "volume" or "volumeNum" or "volume24hr" => _ => 0m,
        _ => null,
    };

    private static Func<SimulatedEvent, IComparable>? EventKey(string field) => field switch
    {
        "id" => e => NumericId(e.Id),
        "slug" => e => e.Slug,
        "title" => e => e.Title,
        "endDate" => e => e.EndDate,
        "startDate" => e => e.StartDate ?? e.CreatedAt,
        "createdAt" or "creationDate" => e => e.CreatedAt,
        "volume" or "volume24hr" or "liquidity" => _ => 0m,
        _ => null,
    };

    private static List<T> SortBy<T>(IEnumerable<T> items, List<Func<T, IComparable>> keys, bool ascending, Func<T, long> id)
    {
        var list = items.ToList();
        var direction = ascending ? 1 : -1;
        list.Sort((a, b) =>
        {
            foreach (var key in keys)
            {
                var order = key(a).CompareTo(key(b));
                if (order != 0)
                {
                    return direction * order;
                }
            }

            // The id settles ties (and is the whole order without 'order'), so pages are stable.
            return (keys.Count == 0 ? direction : 1) * id(a).CompareTo(id(b));
        });
        return list;
    }

    // Simulated markets stay active and are never archived.
    private static bool Wanted(bool? wanted, bool actual) => wanted is null || wanted == actual;

    private static bool InRange(DateTimeOffset value, DateTimeOffset? min, DateTimeOffset? max) =>
        (min is null || value >= min) && (max is null || value <= max);
}
