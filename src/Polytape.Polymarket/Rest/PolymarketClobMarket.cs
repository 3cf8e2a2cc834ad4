using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// A CLOB market: an item of <c>GET /markets</c> (and the sampling variants) or the body of
/// <c>GET /markets/{condition_id}</c>. Numbers that are decimals on the wire (<c>minimum_order_size</c>,
/// <c>minimum_tick_size</c>, fees, token prices) are kept as their exact text. Dates stay strings: the venue
/// sends null and several formats, and one odd date must not fail a 1000-market page.
/// </summary>
public sealed record PolymarketClobMarket
{
    [JsonPropertyName("enable_order_book")]
    public bool? EnableOrderBook { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; init; }

    [JsonPropertyName("accepting_orders")]
    public bool? AcceptingOrders { get; init; }

    /// <summary>RFC 3339 (<c>2026-04-01T18:22:59Z</c>) or null.</summary>
    [JsonPropertyName("accepting_order_timestamp")]
    public string? AcceptingOrderTimestamp { get; init; }

    /// <summary>A JSON number on the wire (<c>5</c>), kept as its exact text.</summary>
    [JsonPropertyName("minimum_order_size")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MinimumOrderSize { get; init; }

    /// <summary>A JSON number on the wire (<c>0.001</c>), kept as its exact text.</summary>
    [JsonPropertyName("minimum_tick_size")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MinimumTickSize { get; init; }

    /// <summary>Condition id (<c>0x…</c>), the WS/REST <c>market</c>.</summary>
    [JsonPropertyName("condition_id")]
    public required string ConditionId { get; init; }

    [JsonPropertyName("question_id")]
    public string? QuestionId { get; init; }

    [JsonPropertyName("question")]
    public string? Question { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("market_slug")]
    public string? MarketSlug { get; init; }

    [JsonPropertyName("end_date_iso")]
    public string? EndDateIso { get; init; }

    [JsonPropertyName("game_start_time")]
    public string? GameStartTime { get; init; }

    [JsonPropertyName("seconds_delay")]
    public int? SecondsDelay { get; init; }

    [JsonPropertyName("fpmm")]
    public string? Fpmm { get; init; }

    [JsonPropertyName("maker_base_fee")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MakerBaseFee { get; init; }

    [JsonPropertyName("taker_base_fee")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? TakerBaseFee { get; init; }

    [JsonPropertyName("notifications_enabled")]
    public bool? NotificationsEnabled { get; init; }

    [JsonPropertyName("neg_risk")]
    public bool? NegRisk { get; init; }

    /// <summary>"" when the market is not neg-risk.</summary>
    [JsonPropertyName("neg_risk_market_id")]
    public string? NegRiskMarketId { get; init; }

    [JsonPropertyName("neg_risk_request_id")]
    public string? NegRiskRequestId { get; init; }

    [JsonPropertyName("icon")]
    public string? Icon { get; init; }

    [JsonPropertyName("image")]
    public string? Image { get; init; }

    [JsonPropertyName("rewards")]
    public PolymarketClobRewards? Rewards { get; init; }

    [JsonPropertyName("is_50_50_outcome")]
    public bool? Is5050Outcome { get; init; }

    /// <summary>Outcome tokens; after resolution exactly one has <c>winner</c> true.</summary>
    [JsonPropertyName("tokens")]
    public IReadOnlyList<PolymarketClobToken>? Tokens { get; init; }

    /// <summary>Tag labels (plain strings here, unlike Gamma's tag objects).</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Keys this model does not name; kept so an archived or re-served market loses nothing.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
