using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// A <c>book</c> event: a full L2 snapshot of one token, or a REST /book summary (same shape, no
/// event_type, plus min_order_size and neg_risk). Levels are in wire order (bids ascending, asks descending).
/// </summary>
public readonly ref struct PolymarketBook
{
    public ReadOnlySpan<byte> Market { get; init; }

    public ReadOnlySpan<byte> AssetId { get; init; }

    /// <summary>Milliseconds; -1 when absent or "".</summary>
    public long TimestampMs { get; init; }

    public BookHash Hash { get; init; }

    /// <summary>False when the hash is absent or not 40 hex characters (the docs' "0xabc123..." placeholders).</summary>
    public bool HasHash { get; init; }

    public ReadOnlySpan<BookLevel> Bids { get; init; }

    public ReadOnlySpan<BookLevel> Asks { get; init; }

    /// <summary>Present in live initial snapshots since 2026 and in REST books; <see cref="Price.Empty"/> otherwise.</summary>
    public Price TickSize { get; init; }

    /// <summary>Whether last_trade_price was present (it may be present and "").</summary>
    public bool HasLastTradePrice { get; init; }

    public Price LastTradePrice { get; init; }

    /// <summary>REST books only; <see cref="Size.Empty"/> when absent.</summary>
    public Size MinOrderSize { get; init; }

    public bool? NegRisk { get; init; }

    /// <summary>True for a REST-shaped summary (no event_type field).</summary>
    public bool IsRestSummary { get; init; }
}
