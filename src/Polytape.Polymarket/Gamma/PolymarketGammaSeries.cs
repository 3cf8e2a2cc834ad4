using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A Gamma series (<c>/series</c>): recurring events such as <c>btc-up-or-down-15m</c>. Nests its events unless
/// requested with <c>exclude_events=true</c>; when nested in an event it has no events of its own.
/// </summary>
public sealed record PolymarketGammaSeries
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Id { get; init; }

    [JsonPropertyName("ticker")]
    public string? Ticker { get; init; }

    [JsonPropertyName("slug")]
    public string? Slug { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("seriesType")]
    public string? SeriesType { get; init; }

    /// <summary>e.g. "5m", "15m", "hourly", "daily".</summary>
    [JsonPropertyName("recurrence")]
    public string? Recurrence { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; init; }

    [JsonPropertyName("startDate")]
    public string? StartDate { get; init; }

    [JsonPropertyName("createdAt")]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("updatedAt")]
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("volume")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume { get; init; }

    [JsonPropertyName("liquidity")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Liquidity { get; init; }

    [JsonPropertyName("volume24hr")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume24Hours { get; init; }

    [JsonPropertyName("events")]
    public IReadOnlyList<PolymarketGammaEvent>? Events { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<PolymarketGammaTag>? Tags { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
