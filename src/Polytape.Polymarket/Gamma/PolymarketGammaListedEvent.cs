using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>A Gamma event from <c>GET /events</c> read for its markets only (discovery by series); other keys are skipped.</summary>
public sealed record PolymarketGammaListedEvent
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Id { get; init; }

    [JsonPropertyName("markets")]
    public IReadOnlyList<PolymarketGammaListedMarket>? Markets { get; init; }
}
