using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>A <c>tick_size_change</c> event (the tick becomes 0.001 near 0.04/0.96 and reverts).</summary>
public readonly ref struct PolymarketTickSizeChange
{
    public ReadOnlySpan<byte> Market { get; init; }

    public ReadOnlySpan<byte> AssetId { get; init; }

    public Price OldTickSize { get; init; }

    public Price NewTickSize { get; init; }

    public long TimestampMs { get; init; }
}
