using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>One market from a catalog record. Missing fields are null (Empty for the decimals).</summary>
public sealed record MarketRow(
    RowKey Key,
    string ConditionId,
    string? Slug,
    string? Question,
    Price TickSize,
    Size MinOrderSize,
    bool? NegRisk,
    string? EndDate);
