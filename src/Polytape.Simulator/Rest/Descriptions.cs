using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>Resolution text and source, in the venue's style (the real up/down markets cite a Chainlink stream).</summary>
public static class Descriptions
{
    public static string Of(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.EventStartTime is null
            ? $"This market will resolve to \"{market.Yes.Outcome}\" if the event in the title happens by the end date. Otherwise, it will resolve to \"{market.No.Outcome}\"."
            : "This market will resolve to \"Up\" if the price at the end of the time range specified in the title is greater than or equal to the price at the beginning of that range. Otherwise, it will resolve to \"Down\".";
    }

    public static string ResolutionSource(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.EventStartTime is null)
        {
            return string.Empty;
        }

        var coin = market.Slug[..market.Slug.IndexOf('-', StringComparison.Ordinal)];
        return $"https://data.chain.link/streams/{coin}-usd";
    }
}
