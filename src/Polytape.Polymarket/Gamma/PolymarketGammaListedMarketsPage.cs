using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Gamma;

/// <summary>A page of <c>GET /markets/keyset</c> read as <see cref="PolymarketGammaListedMarket"/>s (discovery's walk).</summary>
public sealed record PolymarketGammaListedMarketsPage
{
    [JsonPropertyName("markets")]
    public required IReadOnlyList<PolymarketGammaListedMarket> Markets { get; init; }

    /// <summary>Pass as <c>after_cursor</c>; absent or null ends the walk.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonIgnore]
    public bool IsLastPage => string.IsNullOrEmpty(NextCursor);
}
