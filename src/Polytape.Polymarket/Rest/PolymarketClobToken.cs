using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>One outcome token of a CLOB market: <c>{"token_id","outcome","price","winner"}</c>.</summary>
public sealed record PolymarketClobToken
{
    /// <summary>Token id; empty during the venue's hydration window for a new market.</summary>
    [JsonPropertyName("token_id")]
    public required string TokenId { get; init; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    /// <summary>A JSON number on the wire (<c>0.4865</c>, <c>1</c>), kept as its exact text.</summary>
    [JsonPropertyName("price")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Price { get; init; }

    [JsonPropertyName("winner")]
    public bool? Winner { get; init; }
}
