using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A Gamma market as discovery reads it from a list: only the fields that decide selection and fill the catalog.
/// Every other key (descriptions, prices, volumes, nested events, rewards) is skipped by the reader, never
/// materialised, so a page of a full-universe walk costs its few strings per market rather than a full
/// <see cref="PolymarketGammaMarket"/> with extension data. That model derives from this one, so both read these
/// fields with the same wire names and converters: the same body fails or parses the same way.
/// Every property of both carries a <see cref="JsonPropertyOrderAttribute"/>: the simulator serializes the full model,
/// and its keys must keep the venue's order (protocol §10), which interleaves these fields with the others; without the
/// orders, System.Text.Json (.NET 10, source-generated) writes the derived type's properties first, then these as a block
/// (GammaMarketKeyOrderTests fails so). New properties take the number of their place.
/// </summary>
public record PolymarketGammaListedMarket
{
    /// <summary>Gamma id, a string on the wire ("3047949").</summary>
    [JsonPropertyName("id")]
    [JsonPropertyOrder(0)]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public required string Id { get; init; }

    [JsonPropertyName("question")]
    [JsonPropertyOrder(1)]
    public string? Question { get; init; }

    /// <summary>Condition id (<c>0x…</c>), the CLOB and WebSocket <c>market</c>.</summary>
    [JsonPropertyName("conditionId")]
    [JsonPropertyOrder(2)]
    public string? ConditionId { get; init; }

    [JsonPropertyName("slug")]
    [JsonPropertyOrder(4)]
    public string? Slug { get; init; }

    [JsonPropertyName("endDate")]
    [JsonPropertyOrder(8)]
    public string? EndDate { get; init; }

    /// <summary>True together with <see cref="Closed"/> for resolved markets.</summary>
    [JsonPropertyName("active")]
    [JsonPropertyOrder(15)]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    [JsonPropertyOrder(16)]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    [JsonPropertyOrder(17)]
    public bool? Archived { get; init; }

    [JsonPropertyName("enableOrderBook")]
    [JsonPropertyOrder(19)]
    public bool? EnableOrderBook { get; init; }

    [JsonPropertyName("acceptingOrders")]
    [JsonPropertyOrder(20)]
    public bool? AcceptingOrders { get; init; }

    /// <summary>Token ids, index-aligned with <see cref="Outcomes"/>; decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("clobTokenIds")]
    [JsonPropertyOrder(21)]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? ClobTokenIds { get; init; }

    /// <summary>Outcome labels ("Yes"/"No", "Up"/"Down"); decoded from a JSON-encoded string.</summary>
    [JsonPropertyName("outcomes")]
    [JsonPropertyOrder(22)]
    [JsonConverter(typeof(JsonEncodedStringListConverter))]
    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>Current tick, a number (<c>0.001</c>) kept as text; it changes over the market's life.</summary>
    [JsonPropertyName("orderPriceMinTickSize")]
    [JsonPropertyOrder(24)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderPriceMinTickSize { get; init; }

    [JsonPropertyName("orderMinSize")]
    [JsonPropertyOrder(25)]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderMinSize { get; init; }

    [JsonPropertyName("negRisk")]
    [JsonPropertyOrder(26)]
    public bool? NegRisk { get; init; }
}
