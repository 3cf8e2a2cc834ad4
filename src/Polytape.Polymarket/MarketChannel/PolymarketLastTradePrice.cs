using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>A <c>last_trade_price</c> event: one fill. <see cref="TakerSide"/> is the taker's side.</summary>
public readonly ref struct PolymarketLastTradePrice
{
    public ReadOnlySpan<byte> Market { get; init; }

    public ReadOnlySpan<byte> AssetId { get; init; }

    public Price Price { get; init; }

    /// <summary><see cref="Size.Empty"/> when absent (optional per the official TS types).</summary>
    public Size Size { get; init; }

    public Side TakerSide { get; init; }

    /// <summary>Basis points; -1 when absent or "".</summary>
    public int FeeRateBps { get; init; }

    public long TimestampMs { get; init; }

    public ReadOnlySpan<byte> TransactionHash { get; init; }
}
