using System.Buffers.Binary;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Hashing;

/// <summary>
/// The text of every price from 0 to 1 at every decimal count, formatted once: a book hash writes a price per level,
/// and prices live on a grid of 10,001 units, so a table lookup replaces the digit loop (400 KB, shared, read-only).
/// Each entry holds the text in its low bytes and its length in the top byte.
/// </summary>
public static class PriceText
{
    private const int MaxUnits = Price.UnitsPerOne;
    private const int DecimalCounts = Price.Scale + 1;

    private static readonly ulong[] Table = Build();

    /// <summary>
    /// Writes what <see cref="FixedPoint.FormatPriceExact"/> writes, and returns its length. Needs 8 bytes of room in
    /// <paramref name="destination"/> for a price up to 1 (the bytes after the text are scratch).
    /// </summary>
    public static int Write(int units, byte decimals, Span<byte> destination)
    {
        if ((uint)units > MaxUnits || decimals >= DecimalCounts || destination.Length < sizeof(ulong))
        {
            return FixedPoint.FormatPriceExact(units, decimals, destination);
        }

        var entry = Table[(units * DecimalCounts) + decimals];
        BinaryPrimitives.WriteUInt64LittleEndian(destination, entry);
        return (int)(entry >> 56);
    }

    private static ulong[] Build()
    {
        var table = new ulong[(MaxUnits + 1) * DecimalCounts];
        Span<byte> text = stackalloc byte[FixedPoint.MaxFormattedLength];
        for (var units = 0; units <= MaxUnits; units++)
        {
            for (byte decimals = 0; decimals < DecimalCounts; decimals++)
            {
                var length = FixedPoint.FormatPriceExact(units, decimals, text);
                ulong entry = (ulong)length << 56;
                for (var i = 0; i < length; i++)
                {
                    entry |= (ulong)text[i] << (8 * i);
                }

                table[(units * DecimalCounts) + decimals] = entry;
            }
        }

        return table;
    }
}
