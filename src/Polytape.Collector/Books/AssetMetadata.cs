using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>
/// Market facts the book hash covers but a WS book does not carry (CLOB minimum_order_size/neg_risk,
/// Gamma orderMinSize/negRisk). Empty values mean unknown.
/// </summary>
public readonly record struct AssetMetadata(Size MinOrderSize, Price TickSize, bool? NegRisk)
{
    public static AssetMetadata Unknown { get; } = new(Size.Empty, Price.Empty, null);
}
