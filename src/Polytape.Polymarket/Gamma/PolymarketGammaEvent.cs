using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A Gamma event (<c>/events</c>, <c>/events/slug/{slug}</c>; also nested, without markets, in a market's
/// <c>events</c>). A neg-risk event holds many binary markets sharing <see cref="NegRiskMarketId"/>. Unlike on
/// markets, <c>volume</c> and <c>liquidity</c> are numbers here.
/// </summary>
public sealed record PolymarketGammaEvent
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

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("startDate")]
    public string? StartDate { get; init; }

    [JsonPropertyName("creationDate")]
    public string? CreationDate { get; init; }

    [JsonPropertyName("endDate")]
    public string? EndDate { get; init; }

    [JsonPropertyName("startTime")]
    public string? StartTime { get; init; }

    [JsonPropertyName("createdAt")]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("updatedAt")]
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; init; }

    [JsonPropertyName("restricted")]
    public bool? Restricted { get; init; }

    [JsonPropertyName("featured")]
    public bool? Featured { get; init; }

    [JsonPropertyName("enableOrderBook")]
    public bool? EnableOrderBook { get; init; }

    [JsonPropertyName("negRisk")]
    public bool? NegRisk { get; init; }

    [JsonPropertyName("enableNegRisk")]
    public bool? EnableNegRisk { get; init; }

    [JsonPropertyName("negRiskAugmented")]
    public bool? NegRiskAugmented { get; init; }

    [JsonPropertyName("negRiskMarketID")]
    public string? NegRiskMarketId { get; init; }

    [JsonPropertyName("liquidity")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Liquidity { get; init; }

    [JsonPropertyName("volume")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume { get; init; }

    [JsonPropertyName("openInterest")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OpenInterest { get; init; }

    [JsonPropertyName("volume24hr")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume24Hours { get; init; }

    [JsonPropertyName("commentCount")]
    public int? CommentCount { get; init; }

    [JsonPropertyName("markets")]
    public IReadOnlyList<PolymarketGammaMarket>? Markets { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<PolymarketGammaTag>? Tags { get; init; }

    /// <summary>The recurring series this event belongs to (e.g. <c>btc-up-or-down-5m</c>), when Gamma includes it.</summary>
    [JsonPropertyName("series")]
    public IReadOnlyList<PolymarketGammaSeries>? Series { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
