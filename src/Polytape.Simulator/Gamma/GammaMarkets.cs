using System.Globalization;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Rest;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// A simulated market as Gamma serves it (§6.3): ids and outcomes as JSON-encoded strings, tick and minimum size as
/// numbers, <c>volume</c> as a string. <c>active</c> stays true for life; <c>closed</c> turns true at the end; the
/// book-derived fields are read live (the venue caches them for minutes). Call under the engine's gate.
/// </summary>
public static class GammaMarkets
{
    private static readonly PolymarketGammaFeeSchedule CryptoFees = new() { Rate = "0.07", Exponent = "1", TakerOnly = true, RebateRate = "0.2" };

    public static PolymarketGammaMarket ToWire(SimulatedMarket market, DateTimeOffset now, bool withEvents, bool withTags)
    {
        ArgumentNullException.ThrowIfNull(market);
        var rolling = market.EventStartTime is not null;
        var resolved = market.Status == MarketStatus.Resolved;
        var quoted = market.Status != MarketStatus.Hydrating;
        var liquidity = BookPrices.Liquidity(market.Yes).ToString("0.######", CultureInfo.InvariantCulture);
        return new PolymarketGammaMarket
        {
            Id = market.GammaId,
            Question = market.Question,
            ConditionId = market.ConditionId,
            QuestionId = market.QuestionId,
            Slug = market.Slug,
            Description = Descriptions.Of(market),
            ResolutionSource = Descriptions.ResolutionSource(market),
            StartDate = GammaDates.Rfc3339(market.CreatedAt),
            EndDate = GammaDates.Rfc3339(market.EndDate),
            EventStartTime = market.EventStartTime is { } start ? GammaDates.Rfc3339(start) : null,
            EndDateIso = GammaDates.Date(market.EndDate),
            CreatedAt = GammaDates.Rfc3339(market.CreatedAt),
            UpdatedAt = GammaDates.Rfc3339(now),
            AcceptingOrdersTimestamp = GammaDates.Rfc3339(market.AcceptingOrdersAt),
            ClosedTime = market.Status >= MarketStatus.Ended ? GammaDates.ClosedTime(market.EndDate) : null,
            Active = true,
            Closed = market.Status >= MarketStatus.Ended,
            Archived = false,
            Restricted = true,
            EnableOrderBook = true,
            AcceptingOrders = market.Status == MarketStatus.Active,
            ClobTokenIds = [market.Yes.Id, market.No.Id],
            Outcomes = [market.Yes.Outcome, market.No.Outcome],
            OutcomePrices = [OutcomePrice(market.Yes), OutcomePrice(market.No)],
            OrderPriceMinTickSize = market.TickSize.ToString(),
            OrderMinSize = market.MinOrderSize.ToString(),
            NegRisk = market.NegRisk,
            NegRiskMarketId = market.Event.NegRiskMarketId,
            UmaResolutionStatus = resolved ? "resolved" : null,
            AutomaticallyResolved = resolved && rolling ? true : null,
            FeesEnabled = rolling,
            FeeType = rolling ? "crypto_fees_v2" : null,
            FeeSchedule = rolling ? CryptoFees : null,
            MakerBaseFee = rolling ? "1000" : "0",
            TakerBaseFee = rolling ? "1000" : "0",
            BestBid = quoted ? BookPrices.BestBid(market.Yes) : null,
            BestAsk = quoted ? BookPrices.BestAsk(market.Yes) : null,
            Spread = quoted ? BookPrices.Spread(market.Yes) : null,
            LastTradePrice = quoted ? LastTrade(market) : null,
            Volume = "0",
            VolumeNum = "0",
            Volume24Hours = "0",
            Liquidity = liquidity,
            LiquidityNum = liquidity,
            Events = withEvents ? [GammaEvents.Nested(market.Event)] : null,
            Tags = withTags ? market.Event.Tags.Select(GammaTags.ToWire).ToList() : null,
        };
    }

    // "1"/"0" after resolution; the outcome's price before.
    private static string OutcomePrice(SimulatedToken token) => BookPrices.HalfUnitsText(BookPrices.ValueHalfUnits(token));

    // A number on Gamma, minimal form (the book hash keeps the venue's "0.500"; Gamma does not).
    private static string LastTrade(SimulatedMarket market) =>
        market.LastTradePrice.IsEmpty ? "0" : Price.FromUnits(market.LastTradePrice.Units).ToString();
}
