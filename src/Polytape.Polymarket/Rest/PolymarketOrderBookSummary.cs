using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// CLOB <c>GET /book</c> response and each element of <c>POST /books</c> (the SDK's OrderBookSummary).
/// Declaration order is the venue's key order, which the book hash depends on: keep it when adding fields.
/// Decimals stay the exact strings the venue sent, for the same reason. Fields appeared over time (timestamp in
/// Nov 2024, min_order_size/tick_size/neg_risk by Oct 2025, last_trade_price in Dec 2025), so those are optional.
/// </summary>
public sealed record PolymarketOrderBookSummary
{
    /// <summary>Condition id (<c>0x…</c>).</summary>
    [JsonPropertyName("market")]
    public required string Market { get; init; }

    /// <summary>Token id (decimal string).</summary>
    [JsonPropertyName("asset_id")]
    public required string AssetId { get; init; }

    /// <summary>Milliseconds since the epoch of the last book change, as the string the venue sends.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Timestamp { get; init; }

    /// <summary>SHA-1 hex of the book as the venue computed it (set to "" while recomputing it).</summary>
    [JsonPropertyName("hash")]
    public required string Hash { get; init; }

    /// <summary>Bids in ascending price order, as sent.</summary>
    [JsonPropertyName("bids")]
    public required IReadOnlyList<PolymarketOrderSummary> Bids { get; init; }

    /// <summary>Asks in descending price order, as sent.</summary>
    [JsonPropertyName("asks")]
    public required IReadOnlyList<PolymarketOrderSummary> Asks { get; init; }

    [JsonPropertyName("min_order_size")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? MinOrderSize { get; init; }

    [JsonPropertyName("tick_size")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? TickSize { get; init; }

    [JsonPropertyName("neg_risk")]
    public bool? NegRisk { get; init; }

    /// <summary>May be "" when the market has not traded.</summary>
    [JsonPropertyName("last_trade_price")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? LastTradePrice { get; init; }

    /// <summary>
    /// Keys this model does not know yet. They are written back after the known keys, which is where the venue
    /// has appended new fields so far.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
