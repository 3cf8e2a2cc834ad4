using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>A Gamma tag (<c>/tags</c>, and nested in events and markets): <c>{"id":"2","label":"Politics","slug":"politics",…}</c>.</summary>
public sealed record PolymarketGammaTag
{
    /// <summary>A string on the wire ("2"); a number is accepted and kept as text.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Id { get; init; }

    [JsonPropertyName("label")]
    public string? Label { get; init; }

    [JsonPropertyName("slug")]
    public string? Slug { get; init; }

    [JsonPropertyName("forceShow")]
    public bool? ForceShow { get; init; }

    [JsonPropertyName("forceHide")]
    public bool? ForceHide { get; init; }

    [JsonPropertyName("createdAt")]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("updatedAt")]
    public string? UpdatedAt { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
