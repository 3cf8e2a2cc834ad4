using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Gamma;

/// <summary>A Gamma market's <c>feeSchedule</c>, e.g. <c>{"rate":0.07,"exponent":1,"takerOnly":true,"rebateRate":0.2}</c>.</summary>
public sealed record PolymarketGammaFeeSchedule
{
    [JsonPropertyName("rate")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Rate { get; init; }

    [JsonPropertyName("exponent")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? Exponent { get; init; }

    [JsonPropertyName("takerOnly")]
    public bool? TakerOnly { get; init; }

    [JsonPropertyName("rebateRate")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RebateRate { get; init; }
}
