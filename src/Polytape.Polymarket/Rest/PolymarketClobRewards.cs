using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>A CLOB market's liquidity-rewards terms: <c>{"rates","min_size","max_spread"}</c>.</summary>
public sealed record PolymarketClobRewards
{
    /// <summary>Null for markets outside the rewards programme.</summary>
    [JsonPropertyName("rates")]
    public IReadOnlyList<PolymarketClobRewardRate>? Rates { get; init; }

    [JsonPropertyName("min_size")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MinSize { get; init; }

    [JsonPropertyName("max_spread")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MaxSpread { get; init; }
}
