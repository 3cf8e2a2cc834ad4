using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Polytape.Domain.Numerics;

/// <summary>
/// Decimal text ⇄ scaled integers. The venue writes plain decimals ("0.5", "110000", "0.500"); we keep
/// the value as an integer number of 10^-scale units plus the count of decimals written, so the exact
/// text can be reproduced for the book hash without keeping strings.
/// </summary>
public static class FixedPoint
{
    private static readonly long[] PowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
    ];

    private static readonly ulong[] UnsignedPowersOfTen = BuildUnsignedPowers();

    private static ulong[] BuildUnsignedPowers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    /// <summary>Longest decimal text that Format can write: 13 integer digits, a point and 6 decimals.</summary>
    public const int MaxFormattedLength = 24;

    public static long PowerOfTen(int exponent) => PowersOfTen[exponent];

    /// <summary>10^exponent for exponent up to 19 (the largest power of ten in a ulong).</summary>
    public static ulong PowerOfTenUnsigned(int exponent) => UnsignedPowersOfTen[exponent];

    /// <summary>
    /// Parses <c>digits[.digits]</c> (also <c>.digits</c>). Rejects signs, exponents, more than
    /// <paramref name="scale"/> decimals and more than <paramref name="maxIntegerDigits"/> integer digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> text, int scale, int maxIntegerDigits, out long units, out byte decimals)
    {
        units = 0;
        decimals = 0;
        long integerPart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                break;
            }

            if (i == maxIntegerDigits)
            {
                return false;
            }

            integerPart = (integerPart * 10) + digit;
            i++;
        }

        var integerDigits = i;
        long fraction = 0;
        var fractionDigits = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.')
            {
                return false;
            }

            i++;
            while (i < text.Length)
            {
                var digit = (uint)(text[i] - '0');
                if (digit > 9 || fractionDigits == scale)
                {
                    return false;
                }

                fraction = (fraction * 10) + digit;
                fractionDigits++;
                i++;
            }

            if (fractionDigits == 0)
            {
                return false;
            }
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        units = (integerPart * PowersOfTen[scale]) + (fraction * PowersOfTen[scale - fractionDigits]);
        decimals = (byte)fractionDigits;
        return true;
    }

    /// <summary>Fewest decimals that represent <paramref name="units"/> exactly.</summary>
    public static byte MinimalDecimals(long units, int scale)
    {
        if (units == 0)
        {
            return 0;
        }

        byte decimals = (byte)scale;
        while (decimals > 0 && units % 10 == 0)
        {
            units /= 10;
            decimals--;
        }

        return decimals;
    }

    /// <summary>
    /// Writes a price (scale 4) with exactly <paramref name="decimals"/> decimals, which the caller guarantees
    /// are enough (true of every stored level), with constant divisors, which the JIT turns into
    /// multiplications: hashing formats two numbers per level, and a hardware divide per digit group dominated it.
    /// </summary>
    public static int FormatPriceExact(int units, byte decimals, Span<byte> destination)
    {
        var integerPart = units / 10_000;
        var fraction = units - (integerPart * 10_000);
        var written = WriteInteger(integerPart, destination);
        if (decimals == 0)
        {
            return written;
        }

        destination[written++] = (byte)'.';
        var scaled = decimals switch
        {
            1 => fraction / 1_000,
            2 => fraction / 100,
            3 => fraction / 10,
            _ => fraction,
        };
        return written + WriteFraction((uint)scaled, decimals, destination[written..]);
    }

    /// <summary>Writes a size (scale 6) with exactly <paramref name="decimals"/> decimals, with constant divisors.</summary>
    public static int FormatSizeExact(long units, byte decimals, Span<byte> destination)
    {
        var integerPart = units / 1_000_000;
        var fraction = (uint)(units - (integerPart * 1_000_000));
        var written = WriteInteger(integerPart, destination);
        if (decimals == 0)
        {
            return written;
        }

        destination[written++] = (byte)'.';
        var scaled = decimals switch
        {
            1 => fraction / 100_000,
            2 => fraction / 10_000,
            3 => fraction / 1_000,
            4 => fraction / 100,
            5 => fraction / 10,
            _ => fraction,
        };
        return written + WriteFraction(scaled, decimals, destination[written..]);
    }

    private static int WriteInteger(long value, Span<byte> destination)
    {
        if (value < 10)
        {
            destination[0] = (byte)('0' + value);
            return 1;
        }

        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    /// <summary>Writes exactly <paramref name="digits"/> digits, leading zeros included.</summary>
    private static int WriteFraction(uint value, int digits, Span<byte> destination)
    {
        for (var d = digits - 1; d >= 0; d--)
        {
            var quotient = value / 10;
            destination[d] = (byte)('0' + (value - (quotient * 10)));
            value = quotient;
        }

        return digits;
    }

    /// <summary>
    /// Writes the value with <paramref name="decimals"/> decimals, or more if the value needs them.
    /// Returns the number of bytes written; the destination must hold <see cref="MaxFormattedLength"/>.
    /// </summary>
    public static int Format(long units, int scale, byte decimals, Span<byte> destination)
    {
        var divisor = PowersOfTen[scale];
        var integerPart = units / divisor;
        var fraction = units % divisor;
        var needed = MinimalDecimals(fraction, scale);
        if (needed > decimals)
        {
            decimals = needed;
        }

        var written = WriteInteger(integerPart, destination);
        if (decimals == 0)
        {
            return written;
        }

        destination[written++] = (byte)'.';
        return written + WriteFraction((uint)(fraction / PowersOfTen[scale - decimals]), decimals, destination[written..]);
    }
}
