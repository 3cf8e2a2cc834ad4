using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>CLOB <c>GET /tick-size</c>: <c>{"minimum_tick_size":0.01}</c>, a number kept as its exact text.</summary>
public sealed record PolymarketTickSizeResponse
{
    [JsonPropertyName("minimum_tick_size")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public required string MinimumTickSize { get; init; }
}
