using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A Gamma market as discovery reads it from a list: only the fields that decide selection and fill the catalog.
/// Every other key (descriptions, prices, volumes, nested events, rewards) is skipped by the reader, never
/// materialised, so a page of a full-universe walk costs its few strings per market rather than a full
/// <see cref="PolymarketGammaMarket"/> with extension data. Same wire names and converters as that model, so the
/// same body fails or parses the same way for these fields.
/// </summary>
public sealed record PolymarketGammaListedMarket
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

    [JsonPropertyName("slug")]
    public string? Slug { get; init; }

    [JsonPropertyName("endDate")]
    public string? EndDate { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("closed")]
    public bool? Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; init; }

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

    /// <summary>Current tick, a number (<c>0.001</c>) kept as text.</summary>
    [JsonPropertyName("orderPriceMinTickSize")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderPriceMinTickSize { get; init; }

    [JsonPropertyName("orderMinSize")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? OrderMinSize { get; init; }

    [JsonPropertyName("negRisk")]
    public bool? NegRisk { get; init; }
}
