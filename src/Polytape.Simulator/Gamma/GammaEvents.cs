using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// A simulated event as Gamma serves it: with its markets (nested without their own <c>events</c>), its tags and,
/// for rolling up/down windows, its series. Unlike markets, events carry <c>volume</c>/<c>liquidity</c> as numbers.
/// Call under the engine's gate.
/// </summary>
public static class GammaEvents
{
    public static bool IsClosed(SimulatedEvent simulatedEvent)
    {
        ArgumentNullException.ThrowIfNull(simulatedEvent);
        return simulatedEvent.Markets.Count > 0 && simulatedEvent.Markets.TrueForAll(m => m.Status >= MarketStatus.Ended);
    }

    public static PolymarketGammaEvent ToWire(SimulatedEvent simulatedEvent, SimulatorUniverse universe, DateTimeOffset now, bool withMarkets)
    {
        ArgumentNullException.ThrowIfNull(simulatedEvent);
        ArgumentNullException.ThrowIfNull(universe);
        var nested = Nested(simulatedEvent);
        var series = simulatedEvent.SeriesSlug is { } slug ? universe.Series.Find(s => s.Slug == slug) : null;
        var liquidity = simulatedEvent.Markets.Sum(m => Rest.BookPrices.Liquidity(m.Yes));
        return nested with
        {
            Description = simulatedEvent.Markets.Count > 0 ? Rest.Descriptions.Of(simulatedEvent.Markets[0]) : null,
            UpdatedAt = GammaDates.Rfc3339(now),
            Restricted = true,
            Featured = false,
            EnableOrderBook = true,
            EnableNegRisk = simulatedEvent.NegRisk,
            Liquidity = liquidity.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
            Volume = "0",
            OpenInterest = "0",
            Volume24Hours = "0",
            CommentCount = 0,
            Markets = withMarkets ? simulatedEvent.Markets.Select(m => GammaMarkets.ToWire(m, now, withEvents: false, withTags: false)).ToList() : null,
            Tags = simulatedEvent.Tags.Select(GammaTags.ToWire).ToList(),
            Series = series is null ? null : [GammaSeries.ToWire(series, now, withEvents: false)],
        };
    }

    /// <summary>The short form nested in a market's <c>events</c> and a series' <c>events</c>.</summary>
    public static PolymarketGammaEvent Nested(SimulatedEvent simulatedEvent)
    {
        ArgumentNullException.ThrowIfNull(simulatedEvent);
        return new PolymarketGammaEvent
        {
            Id = simulatedEvent.Id,
            Ticker = simulatedEvent.Slug,
            Slug = simulatedEvent.Slug,
            Title = simulatedEvent.Title,
            StartDate = GammaDates.Rfc3339(simulatedEvent.StartDate ?? simulatedEvent.CreatedAt),
            CreationDate = GammaDates.Rfc3339(simulatedEvent.CreatedAt),
            EndDate = GammaDates.Rfc3339(simulatedEvent.EndDate),
            StartTime = simulatedEvent.Markets.Count > 0 && simulatedEvent.Markets[0].EventStartTime is { } start ? GammaDates.Rfc3339(start) : null,
            CreatedAt = GammaDates.Rfc3339(simulatedEvent.CreatedAt),
            Active = true,
            Closed = IsClosed(simulatedEvent),
            Archived = false,
            NegRisk = simulatedEvent.NegRisk,
            NegRiskMarketId = simulatedEvent.NegRiskMarketId,
        };
    }
}
