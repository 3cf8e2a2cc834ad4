using Polytape.Domain.Numerics;

namespace Polytape.Domain.Hashing;

/// <summary>
/// Everything a book hash covers besides the levels. Ids are the exact UTF-8 text the venue uses.
/// A timestamp below zero and <c>Empty</c> decimals are hashed as "".
/// </summary>
public readonly ref struct BookHashInput
{
    public BookHashInput(
        BookHashFormat format,
        ReadOnlySpan<byte> market,
        ReadOnlySpan<byte> assetId,
        long timestampMs,
        Size minOrderSize,
        Price tickSize,
        bool negRisk,
        Price lastTradePrice)
    {
        Format = format;
        Market = market;
        AssetId = assetId;
        TimestampMs = timestampMs;
        MinOrderSize = minOrderSize;
        TickSize = tickSize;
        NegRisk = negRisk;
        LastTradePrice = lastTradePrice;
    }

    public BookHashFormat Format { get; }

    public ReadOnlySpan<byte> Market { get; }

    public ReadOnlySpan<byte> AssetId { get; }

    public long TimestampMs { get; }

    public Size MinOrderSize { get; }

    public Price TickSize { get; }

    public bool NegRisk { get; }

    public Price LastTradePrice { get; }
}
