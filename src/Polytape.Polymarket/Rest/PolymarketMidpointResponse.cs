using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// CLOB <c>GET /midpoint</c>. The venue returns <c>{"mid":"0.45"}</c>; the docs show <c>mid_price</c>. Both are
/// read; use <see cref="Value"/>.
/// </summary>
public sealed record PolymarketMidpointResponse
{
    [JsonPropertyName("mid")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Mid { get; init; }

    [JsonPropertyName("mid_price")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? MidPrice { get; init; }

    /// <summary>The midpoint as exact text, whichever key carried it; null if neither did.</summary>
    [JsonIgnore]
    public string? Value => Mid ?? MidPrice;
}
