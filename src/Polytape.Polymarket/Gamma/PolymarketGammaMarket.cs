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
/// The fields discovery reads come from <see cref="PolymarketGammaListedMarket"/>; key order: see there.
/// </summary>
public sealed record PolymarketGammaMarket : PolymarketGammaListedMarket
{
    [JsonPropertyName("questionID")]
    [JsonPropertyOrder(3)]
    public string? QuestionId { get; init; }

    [JsonPropertyName("description")]
    [JsonPropertyOrder(5)]
    public string? Description { get; init; }

    [JsonPropertyName("resolutionSource")]
    [JsonPropertyOrder(6)]
    public string? ResolutionSource { get; init; }

    [JsonPropertyName("startDate")]
    [JsonPropertyOrder(7)]
    public string? StartDate { get; init; }

    /// <summary>Window start of rolling up/down markets (the slug's timestamp).</summary>
    [JsonPropertyName("eventStartTime")]
    [JsonPropertyOrder(9)]
    public string? EventStartTime { get; init; }

    [JsonPropertyName("endDateIso")]
    [JsonPropertyOrder(10)]
    public string? EndDateIso { get; init; }

    [JsonPropertyName("createdAt")]
    [JsonPropertyOrder(11)]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("updatedAt")]
    [JsonPropertyOrder(12)]
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("acceptingOrdersTimestamp")]
    [JsonPropertyOrder(13)]
    public string? AcceptingOrdersTimestamp { get; init; }

    /// <summary>Not RFC 3339: <c>"2026-07-24 00:00:16+00"</c>.</summary>
    [JsonPropertyName("closedTime")]
    [JsonPropertyOrder(14)]
    public string? ClosedTime { get; init; }

    [JsonPropertyName("restricted")]
    [JsonPropertyOrder(18)]
    public bool? Restricted { get; init; }

    /// <summary>Decimal strings, "1"/"0" after resolution; decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("outcomePrices")]
    [JsonPropertyOrder(23)]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? OutcomePrices { get; init; }

    [JsonPropertyName("negRiskMarketID")]
    [JsonPropertyOrder(27)]
    public string? NegRiskMarketId { get; init; }

    [JsonPropertyName("negRiskRequestID")]
    [JsonPropertyOrder(28)]
    public string? NegRiskRequestId { get; init; }

    [JsonPropertyName("groupItemTitle")]
    [JsonPropertyOrder(29)]
    public string? GroupItemTitle { get; init; }

    /// <summary>e.g. "resolved".</summary>
    [JsonPropertyName("umaResolutionStatus")]
    [JsonPropertyOrder(30)]
    public string? UmaResolutionStatus { get; init; }

    [JsonPropertyName("automaticallyResolved")]
    [JsonPropertyOrder(31)]
    public bool? AutomaticallyResolved { get; init; }

    [JsonPropertyName("feesEnabled")]
    [JsonPropertyOrder(32)]
    public bool? FeesEnabled { get; init; }

    /// <summary>e.g. "crypto_fees_v2"; null on fee-free markets.</summary>
    [JsonPropertyName("feeType")]
    [JsonPropertyOrder(33)]
    public string? FeeType { get; init; }

    [JsonPropertyName("feeSchedule")]
    [JsonPropertyOrder(34)]
    public PolymarketGammaFeeSchedule? FeeSchedule { get; init; }

    [JsonPropertyName("makerBaseFee")]
    [JsonPropertyOrder(35)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? MakerBaseFee { get; init; }

    [JsonPropertyName("takerBaseFee")]
    [JsonPropertyOrder(36)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? TakerBaseFee { get; init; }

    // Cached by Gamma, so minutes stale: context only, never a book source.
    [JsonPropertyName("bestBid")]
    [JsonPropertyOrder(37)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? BestBid { get; init; }

    [JsonPropertyName("bestAsk")]
    [JsonPropertyOrder(38)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? BestAsk { get; init; }

    [JsonPropertyName("spread")]
    [JsonPropertyOrder(39)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Spread { get; init; }

    [JsonPropertyName("lastTradePrice")]
    [JsonPropertyOrder(40)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? LastTradePrice { get; init; }

    /// <summary>A string on markets ("79945.98…"), unlike on events.</summary>
    [JsonPropertyName("volume")]
    [JsonPropertyOrder(41)]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Volume { get; init; }

    /// <summary>A string on markets, unlike on events.</summary>
    [JsonPropertyName("liquidity")]
    [JsonPropertyOrder(42)]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Liquidity { get; init; }

    [JsonPropertyName("volumeNum")]
    [JsonPropertyOrder(43)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? VolumeNum { get; init; }

    [JsonPropertyName("liquidityNum")]
    [JsonPropertyOrder(44)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? LiquidityNum { get; init; }

    [JsonPropertyName("volume24hr")]
    [JsonPropertyOrder(45)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Volume24Hours { get; init; }

    [JsonPropertyName("rewardsMinSize")]
    [JsonPropertyOrder(46)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RewardsMinSize { get; init; }

    [JsonPropertyName("rewardsMaxSpread")]
    [JsonPropertyOrder(47)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RewardsMaxSpread { get; init; }

    /// <summary>The parent events; present on <c>/markets</c> responses, absent when nested in an event.</summary>
    [JsonPropertyName("events")]
    [JsonPropertyOrder(48)]
    public IReadOnlyList<PolymarketGammaEvent>? Events { get; init; }

    /// <summary>Present with <c>include_tag=true</c>.</summary>
    [JsonPropertyName("tags")]
    [JsonPropertyOrder(49)]
    public IReadOnlyList<PolymarketGammaTag>? Tags { get; init; }

    /// <summary>Keys this model does not name (icons, volume breakdowns, rewards…), kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
