namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// A <c>new_market</c> or <c>market_resolved</c> event (custom features only). The hot fields are
/// read here; everything else (question, slug, outcomes, tags …) stays in <see cref="RawJson"/> for
/// the cold-path models.
/// </summary>
public readonly ref struct PolymarketMarketNotice
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly ReadOnlySpan<Range> _assetIds;

    public PolymarketMarketNotice(ReadOnlySpan<byte> frame, ReadOnlySpan<Range> assetIds)
    {
        _frame = frame;
        _assetIds = assetIds;
    }

    public MarketEventType EventType { get; init; }

    /// <summary>Gamma market id ("1031769").</summary>
    public ReadOnlySpan<byte> Id { get; init; }

    public ReadOnlySpan<byte> Market { get; init; }

    public int AssetIdCount => _assetIds.Length;

    public ReadOnlySpan<byte> WinningAssetId { get; init; }

    public long TimestampMs { get; init; }

    /// <summary>The whole event object as received.</summary>
    public ReadOnlySpan<byte> RawJson { get; init; }

    public ReadOnlySpan<byte> AssetIdAt(int index) => _frame[_assetIds[index]];
}
