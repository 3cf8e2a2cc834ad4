using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>CLOB <c>GET /spread</c>: <c>{"spread":"0.02"}</c>.</summary>
public sealed record PolymarketSpreadResponse
{
    [JsonPropertyName("spread")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Spread { get; init; }
}
