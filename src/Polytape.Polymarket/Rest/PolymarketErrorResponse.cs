using System.Text.Json.Serialization;
using Polytape.Polymarket.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// A CLOB error body: <c>{"error":"Invalid token id"}</c>. The 2026 docs add optional <c>code</c> and
/// <c>retry_after_seconds</c> (not seen in a capture yet, so both are read leniently).
/// </summary>
public sealed record PolymarketErrorResponse
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    /// <summary>Documented without a type; a string or a number is kept as text.</summary>
    [JsonPropertyName("code")]
    [JsonConverter(typeof(JsonStringTextConverter))]
    public string? Code { get; init; }

    [JsonPropertyName("retry_after_seconds")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public double? RetryAfterSeconds { get; init; }
}
