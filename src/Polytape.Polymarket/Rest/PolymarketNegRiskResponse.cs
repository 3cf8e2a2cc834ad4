using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Rest;

/// <summary>CLOB <c>GET /neg-risk</c>: <c>{"neg_risk":false}</c>.</summary>
public sealed record PolymarketNegRiskResponse
{
    [JsonPropertyName("neg_risk")]
    public required bool NegRisk { get; init; }
}
