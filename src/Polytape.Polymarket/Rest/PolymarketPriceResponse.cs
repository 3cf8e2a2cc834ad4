using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// CLOB <c>GET /price?side=</c>: <c>{"price":"0.999"}</c> (a string live, a number in the docs; both read).
/// BUY gives the best bid, SELL the best ask.
/// </summary>
public sealed record PolymarketPriceResponse
{
    [JsonPropertyName("price")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Price { get; init; }
}
