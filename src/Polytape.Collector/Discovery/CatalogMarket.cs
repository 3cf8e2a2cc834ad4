using Polytape.Domain.Numerics;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>
/// A market as the collector knows it: the facts subscriptions and book checks need (tokens, tick, minimum size,
/// neg risk), taken from Gamma. <see cref="TickSize"/> and <see cref="MinOrderSize"/> are empty when Gamma did not say.
/// </summary>
public sealed record CatalogMarket
{
    public required string ConditionId { get; init; }

    public string? Slug { get; init; }

    public string? Question { get; init; }

    /// <summary>Gamma's market id, for lookups by id.</summary>
    public string? GammaId { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public bool Closed { get; init; }

    public bool Active { get; init; }

    public bool AcceptingOrders { get; init; }

    public bool NegRisk { get; init; }

    public Price TickSize { get; init; } = Price.Empty;

    public Size MinOrderSize { get; init; } = Size.Empty;

    /// <summary>Index-aligned with Gamma's outcomes.</summary>
    public required IReadOnlyList<CatalogToken> Tokens { get; init; }

    /// <summary>True when every fact a subscriber cares about is the same (records compare lists by reference).</summary>
    public bool HasSameFacts(CatalogMarket other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ConditionId == other.ConditionId && Slug == other.Slug && Question == other.Question && GammaId == other.GammaId
            && EndDate == other.EndDate && Closed == other.Closed && Active == other.Active && AcceptingOrders == other.AcceptingOrders
            && NegRisk == other.NegRisk && TickSize == other.TickSize && TickSize.Decimals == other.TickSize.Decimals
            && MinOrderSize == other.MinOrderSize && Tokens.SequenceEqual(other.Tokens);
    }

    /// <summary>
    /// The catalog form of a Gamma market, or null when it cannot be subscribed yet: no condition id, no token
    /// ids (the hydration window), or token ids that do not line up with the outcomes.
    /// </summary>
    public static CatalogMarket? FromGamma(PolymarketGammaListedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var ids = market.ClobTokenIds;
        var outcomes = market.Outcomes;
        if (string.IsNullOrEmpty(market.ConditionId) || ids is not { Count: > 0 } || ids.Any(string.IsNullOrEmpty)
            || (outcomes is not null && outcomes.Count != ids.Count))
        {
            return null;
        }

        var tokens = new CatalogToken[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            tokens[i] = new CatalogToken(ids[i], Shared(outcomes?[i]));
        }

        return new CatalogMarket
        {
            ConditionId = market.ConditionId,
            Slug = market.Slug,
            Question = market.Question,
            GammaId = market.Id,
            EndDate = GammaDate.Parse(market.EndDate),
            Closed = market.Closed ?? false,
            Active = market.Active ?? false,
            AcceptingOrders = market.AcceptingOrders ?? false,
            NegRisk = market.NegRisk ?? false,
            TickSize = market.OrderPriceMinTickSize is { } tick && Price.TryParse(System.Text.Encoding.UTF8.GetBytes(tick), out var price) ? price : Price.Empty,
            MinOrderSize = market.OrderMinSize is { } min && Size.TryParse(System.Text.Encoding.UTF8.GetBytes(min), out var size) ? size : Size.Empty,
            Tokens = tokens,
        };
    }

    /// <summary>The common outcome labels as one instance each, rather than a copy per token of a 300,000-token universe.</summary>
    private static string Shared(string? outcome) => outcome switch
    {
        null => string.Empty,
        "Yes" => "Yes",
        "No" => "No",
        "Up" => "Up",
        "Down" => "Down",
        "Over" => "Over",
        "Under" => "Under",
        _ => outcome,
    };
}
