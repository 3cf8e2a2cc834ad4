namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// A <c>price_change</c> event, in the current schema (entries each with their own asset, hash and
/// best bid/ask) or the pre-2025-09-15 legacy one (one asset, root hash, no best bid/ask).
/// </summary>
public readonly ref struct PolymarketPriceChange
{
    private readonly ReadOnlySpan<byte> _frame;

    public PolymarketPriceChange(ReadOnlySpan<byte> frame, ReadOnlySpan<PolymarketPriceChangeEntry> entries)
    {
        _frame = frame;
        Entries = entries;
    }

    public ReadOnlySpan<byte> Market { get; init; }

    public long TimestampMs { get; init; }

    public ReadOnlySpan<PolymarketPriceChangeEntry> Entries { get; }

    public bool IsLegacy { get; init; }

    public ReadOnlySpan<byte> AssetIdOf(in PolymarketPriceChangeEntry entry) => _frame[entry.AssetIdRange];
}
