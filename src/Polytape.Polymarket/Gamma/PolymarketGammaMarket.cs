using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A Gamma market (<c>/markets</c>, <c>/markets/slug/{slug}</c>, nested in events): the fields a collector uses
/// for discovery and metadata; every other key lands in <see cref="AdditionalProperties"/>.
/// <c>clobTokenIds</c>, <c>outcomes</c> and <c>outcomePrices</c> arrive as JSON-encoded strings and are decoded
/// here, index-aligned. Decimal numbers are kept as their exact text; dates stay strings because Gamma mixes
/// formats (<c>closedTime</c> is <c>"2026-07-24 00:00:16+00"</c>, <c>endDateIso</c> is a date only).
/// </summary>
public sealed record PolymarketGammaMarket
{
    /// <summary>Gamma id, a string on the wire ("3047949").</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Id { get; init; }

    [JsonPropertyName("question")]
    public string? Question { get; init; }

    /// <summary>Condition id (<c>0x…</c>), the CLOB and WebSocket <c>market</c>.</summary>
    [JsonPropertyName("conditionId")]
    public string? ConditionId { get; init; }

    [JsonPropertyName("questionID")]
    public string? QuestionId { get; init; }

    [JsonPropertyName("slug")]
    public string? Slug { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("resolutionSource")]
    public string? ResolutionSource { get; init; }

    [JsonPropertyName("startDate")]
    public string? StartDate { get; init; }

    [JsonPropertyName("endDate")]
    public string? EndDate { get; init; }

    /// <summary>Window start of rolling up/down markets (the slug's timestamp).</summary>
    [JsonPropertyName("eventStartTime")]
    public string? EventStartTime { get; init; }

    [JsonPropertyName("endDateIso")]
    public string? EndDateIso { get; init; }

    [JsonPropertyName("createdAt")]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("updatedAt")]
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("acceptingOrdersTimestamp")]
    public string? AcceptingOrdersTimestamp { get; init; }

    /// <summary>Not RFC 3339: <c>"2026-07-24 00:00:16+00"</c>.</summary>
    [JsonPropertyName("closedTime")]
    public string? ClosedTime { get; init; }

    /// <summary>True together with <see cref="Closed"/> for resolved markets.</summary>
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; init; }

    [JsonPropertyName("restricted")]
    public bool? Restricted { get; init; }

    [JsonPropertyName("enableOrderBook")]
    public bool? EnableOrderBook { get; init; }

    [JsonPropertyName("acceptingOrders")]
    public bool? AcceptingOrders { get; init; }

    /// <summary>Token ids, index-aligned with <see cref="Outcomes"/>; decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("clobTokenIds")]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? ClobTokenIds { get; init; }

    /// <summary>Outcome labels ("Yes"/"No", "Up"/"Down"); decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("outcomes")]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>Decimal strings, "1"/"0" after resolution; decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("outcomePrices")]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? OutcomePrices { get; init; }

    /// <summary>Current tick, a number (<c>0.001</c>) kept as text; it changes over the market's life.</summary>
    [JsonPropertyName("orderPriceMinTickSize")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderPriceMinTickSize { get; init; }

    [JsonPropertyName("orderMinSize")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderMinSize { get; init; }

    [JsonPropertyName("negRisk")]
    public bool? NegRisk { get; init; }

    [JsonPropertyName("negRiskMarketID")]
    public string? NegRiskMarketId { get; init; }

    [JsonPropertyName("negRiskRequestID")]
    public string? NegRiskRequestId { get; init; }

    [JsonPropertyName("groupItemTitle")]
    public string? GroupItemTitle { get; init; }

    /// <summary>e.g. "resolved".</summary>
    [JsonPropertyName("umaResolutionStatus")]
    public string? UmaResolutionStatus { get; init; }

    [JsonPropertyName("automaticallyResolved")]
    public bool? AutomaticallyResolved { get; init; }

    [JsonPropertyName("feesEnabled")]
    public bool? FeesEnabled { get; init; }

    /// <summary>e.g. "crypto_fees_v2"; null on fee-free markets.</summary>
    [JsonPropertyName("feeType")]
    public string? FeeType { get; init; }

    [JsonPropertyName("feeSchedule")]
    public PolymarketGammaFeeSchedule? FeeSchedule { get; init; }

    [JsonPropertyName("makerBaseFee")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MakerBaseFee { get; init; }

    [JsonPropertyName("takerBaseFee")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? TakerBaseFee { get; init; }

    // Cached by Gamma, so minutes stale: context only, never a book source.
    [JsonPropertyName("bestBid")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? BestBid { get; init; }

    [JsonPropertyName("bestAsk")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? BestAsk { get; init; }

    [JsonPropertyName("spread")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Spread { get; init; }

    [JsonPropertyName("lastTradePrice")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? LastTradePrice { get; init; }

    /// <summary>A string on markets ("79945.98…"), unlike on events.</summary>
    [JsonPropertyName("volume")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Volume { get; init; }

    /// <summary>A string on markets, unlike on events.</summary>
    [JsonPropertyName("liquidity")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Liquidity { get; init; }

    [JsonPropertyName("volumeNum")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? VolumeNum { get; init; }

    [JsonPropertyName("liquidityNum")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? LiquidityNum { get; init; }

    [JsonPropertyName("volume24hr")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume24Hours { get; init; }

    [JsonPropertyName("rewardsMinSize")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RewardsMinSize { get; init; }

    [JsonPropertyName("rewardsMaxSpread")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RewardsMaxSpread { get; init; }

    /// <summary>The parent events; present on <c>/markets</c> responses, absent when nested in an event.</summary>
    [JsonPropertyName("events")]
    public IReadOnlyList<PolymarketGammaEvent>? Events { get; init; }

    /// <summary>Present with <c>include_tag=true</c>.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<PolymarketGammaTag>? Tags { get; init; }

    /// <summary>Keys this model does not name (icons, volume breakdowns, rewards…), kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
