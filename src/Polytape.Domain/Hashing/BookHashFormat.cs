namespace Polytape.Domain.Hashing;

/// <summary>
/// The field set the venue hashed, by era. Every version is confirmed by a real capture
/// (shared/realdata/SOURCES.md). Key order is the Go server's struct order in all of them.
/// </summary>
public enum BookHashFormat : byte
{
    /// <summary>Not yet known: the book keeper calibrates it on the first snapshot.</summary>
    Unknown = 0,

    /// <summary>≤ Oct 2024: market, asset_id, hash, bids, asks (no timestamp).</summary>
    V1 = 1,

    /// <summary>Nov–Dec 2024: market, asset_id, timestamp, hash, bids, asks.</summary>
    V2 = 2,

    /// <summary>Oct 2025: V2 + min_order_size, tick_size, neg_risk.</summary>
    V3 = 3,

    /// <summary>Dec 2025 onward: V3 + last_trade_price. What the live venue uses.</summary>
    V4 = 4,
}
