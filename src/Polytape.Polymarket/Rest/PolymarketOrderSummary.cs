using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>One price level of a CLOB book: <c>{"price":"0.52","size":"120.5"}</c>, both exact decimal strings.</summary>
public sealed record PolymarketOrderSummary
{
    [JsonPropertyName("price")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Price { get; init; }

    [JsonPropertyName("size")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Size { get; init; }
}
