using System.Globalization;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>A simulated market as the CLOB lists it (§5.5). Call under the engine's gate.</summary>
public static class ClobMarkets
{
    public static PolymarketClobMarket ToWire(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var rolling = market.EventStartTime is not null;
        return new PolymarketClobMarket
        {
            EnableOrderBook = true,
            Active = true,
            Closed = market.Status >= MarketStatus.Ended,
            Archived = false,
            AcceptingOrders = market.Status == MarketStatus.Active,
            AcceptingOrderTimestamp = Rfc3339(market.AcceptingOrdersAt),
            MinimumOrderSize = market.MinOrderSize.ToString(),
            MinimumTickSize = market.TickSize.ToString(),
            ConditionId = market.ConditionId,
            QuestionId = market.QuestionId,
            Question = market.Question,
            Description = Descriptions.Of(market),
            MarketSlug = market.Slug,
            EndDateIso = Rfc3339(market.EndDate),
            GameStartTime = market.EventStartTime is { } start ? Rfc3339(start) : null,
            SecondsDelay = 0,
            Fpmm = string.Empty,
            MakerBaseFee = rolling ? "1000" : "0",
            TakerBaseFee = rolling ? "1000" : "0",
            NotificationsEnabled = true,
            NegRisk = market.NegRisk,
            NegRiskMarketId = market.Event.NegRiskMarketId ?? string.Empty,
            NegRiskRequestId = string.Empty,
            Icon = string.Empty,
            Image = string.Empty,
            Rewards = new PolymarketClobRewards { MinSize = "0", MaxSpread = "0" },
            Is5050Outcome = false,
            Tokens = [Token(market.Yes), Token(market.No)],
            Tags = market.Event.Tags,
        };
    }

    private static PolymarketClobToken Token(SimulatedToken token) => new()
    {
        TokenId = token.Id,
        Outcome = token.Outcome,
        Price = BookPrices.HalfUnitsText(BookPrices.ValueHalfUnits(token)),
        Winner = ReferenceEquals(token.Market.Winner, token),
    };

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
