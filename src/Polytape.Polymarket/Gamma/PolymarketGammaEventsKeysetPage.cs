using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Gamma;

/// <summary>A page of <c>GET /events/keyset</c>: <c>{"events":[…],"next_cursor":"…"}</c>.</summary>
public sealed record PolymarketGammaEventsKeysetPage
{
    [JsonPropertyName("events")]
    public required IReadOnlyList<PolymarketGammaEvent> Events { get; init; }

    /// <summary>Pass as <c>after_cursor</c>; absent or null ends the walk.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonIgnore]
    public bool IsLastPage => string.IsNullOrEmpty(NextCursor);
}
