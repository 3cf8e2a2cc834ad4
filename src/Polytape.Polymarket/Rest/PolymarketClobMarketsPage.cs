using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// A page of CLOB <c>GET /markets</c> (cursor pagination): <c>{"limit","count","next_cursor","data"}</c>.
/// Start with <see cref="FirstCursor"/>; the last page returns <see cref="EndCursor"/>, which must not be sent
/// back (the venue answers 400).
/// </summary>
public sealed record PolymarketClobMarketsPage
{
    /// <summary>Base64 of "0": the cursor of the first page.</summary>
    public const string FirstCursor = "MA==";

    /// <summary>Base64 of "-1": returned by the last page.</summary>
    public const string EndCursor = "LTE=";

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("count")]
    public int? Count { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("data")]
    public required IReadOnlyList<PolymarketClobMarket> Data { get; init; }

    /// <summary>True when there is no further page to request.</summary>
    [JsonIgnore]
    public bool IsLastPage => string.IsNullOrEmpty(NextCursor) || NextCursor == EndCursor;
}
