using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>One element of a CLOB market's <c>rewards.rates</c>.</summary>
public sealed record PolymarketClobRewardRate
{
    [JsonPropertyName("asset_address")]
    public string? AssetAddress { get; init; }

    [JsonPropertyName("rewards_daily_rate")]
    [JsonConverter(typeof(JsonNumberTextConverter))]
    public string? RewardsDailyRate { get; init; }
}
