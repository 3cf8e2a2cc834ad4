using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Gamma;

/// <summary>A simulated series as Gamma serves it, with its events in the short form (no markets). Call under the gate.</summary>
public static class GammaSeries
{
    public static PolymarketGammaSeries ToWire(SimulatedSeries series, DateTimeOffset now, bool withEvents)
    {
        ArgumentNullException.ThrowIfNull(series);
        var first = series.Events.Count > 0 ? series.Events[0].CreatedAt : now;
        return new PolymarketGammaSeries
        {
            Id = series.Id,
            Ticker = series.Slug,
            Slug = series.Slug,
            Title = series.Title,
            SeriesType = "single",
            Recurrence = series.Recurrence,
            Active = true,
            Closed = false,
            Archived = false,
            StartDate = GammaDates.Rfc3339(first),
            CreatedAt = GammaDates.Rfc3339(first),
            UpdatedAt = GammaDates.Rfc3339(now),
            Volume = "0",
            Liquidity = "0",
            Volume24Hours = "0",
            Events = withEvents ? series.Events.Select(GammaEvents.Nested).ToList() : null,
        };
    }
}
