using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// One element of a <c>POST /books</c> body: <c>[{"token_id":"…"}]</c>. The venue accepts at most 500 per
/// request and silently drops unknown tokens, so key the response by <c>asset_id</c>, not by position.
/// </summary>
public sealed record PolymarketBooksRequestItem
{
    [JsonPropertyName("token_id")]
    public required string TokenId { get; init; }

    /// <summary><c>BUY</c> or <c>SELL</c>; the SDK allows it, the books endpoint ignores it. Omitted when null.</summary>
    [JsonPropertyName("side")]
    public string? Side { get; init; }
}
