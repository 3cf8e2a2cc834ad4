using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Rest;

/// <summary>CLOB <c>GET /prices-history</c>: <c>{"history":[{"t":…,"p":…}]}</c>; empty for resolved markets at fine fidelity.</summary>
public sealed record PolymarketPricesHistory
{
    [JsonPropertyName("history")]
    public required IReadOnlyList<PolymarketPriceHistoryPoint> History { get; init; }
}
