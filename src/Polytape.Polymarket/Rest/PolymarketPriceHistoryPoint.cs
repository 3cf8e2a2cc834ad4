using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>One point of <c>GET /prices-history</c>: <c>{"t":1697875200,"p":0.5}</c>.</summary>
public sealed record PolymarketPriceHistoryPoint
{
    /// <summary>Unix seconds (not milliseconds).</summary>
    [JsonPropertyName("t")]
    public required long Time { get; init; }

    /// <summary>A JSON number on the wire, kept as its exact text.</summary>
    [JsonPropertyName("p")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public required string Price { get; init; }
}
