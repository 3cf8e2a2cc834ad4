using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A page of <c>GET /markets/keyset</c>: <c>{"markets":[…],"next_cursor":"…"}</c>. Offset paging stops at 2000
/// on Gamma, so walking the whole universe needs this form.
/// </summary>
public sealed record PolymarketGammaMarketsKeysetPage
{
    [JsonPropertyName("markets")]
    public required IReadOnlyList<PolymarketGammaMarket> Markets { get; init; }

    /// <summary>Pass as <c>after_cursor</c>; absent or null ends the walk.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonIgnore]
    public bool IsLastPage => string.IsNullOrEmpty(NextCursor);
}
