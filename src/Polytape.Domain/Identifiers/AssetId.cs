using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Polytape.Domain.Identifiers;

/// <summary>
/// A Polymarket token (asset) id: a decimal uint256 of up to 78 digits. Kept as four 64-bit words so
/// it can be parsed from a frame's bytes and used as a dictionary key without allocating a string.
/// </summary>
public readonly struct AssetId : IEquatable<AssetId>, IComparable<AssetId>
{
    /// <summary>2^256 has 78 decimal digits.</summary>
    public const int MaxDigits = 78;

    // 19 digits always fit in a ulong, so the id is folded in in chunks of 19.
    private const int ChunkDigits = 19;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    private AssetId(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    public bool IsDefault => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>Parses decimal digits only: no sign, no whitespace, no leading "0x".</summary>
    public static bool TryParse(ReadOnlySpan<byte> digits, out AssetId id)
    {
        id = default;
        if (digits.IsEmpty || digits.Length > MaxDigits)
        {
            return false;
        }

        ulong w0 = 0, w1 = 0, w2 = 0, w3 = 0;
        var i = 0;
        while (i < digits.Length)
        {
            var take = Math.Min(ChunkDigits, digits.Length - i);
            ulong chunk = 0;
            for (var end = i + take; i < end; i++)
            {
                var digit = (uint)(digits[i] - '0');
                if (digit > 9)
                {
                    return false;
                }

                chunk = (chunk * 10) + digit;
            }

            if (!MultiplyAdd(ref w0, ref w1, ref w2, ref w3, Numerics.FixedPoint.PowerOfTenUnsigned(take), chunk))
            {
                return false;
            }
        }

        id = new AssetId(w0, w1, w2, w3);
        return true;
    }

    public static AssetId Parse(string text) =>
        TryParse(Encoding.ASCII.GetBytes(text), out var id)
            ? id
            : throw new FormatException($"'{text}' is not a Polymarket token id: expected up to {MaxDigits} decimal digits.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MultiplyAdd(ref ulong w0, ref ulong w1, ref ulong w2, ref ulong w3, ulong multiplier, ulong addend)
    {
        var carry = addend;
        w0 = MultiplyWord(w0, multiplier, ref carry);
        w1 = MultiplyWord(w1, multiplier, ref carry);
        w2 = MultiplyWord(w2, multiplier, ref carry);
        w3 = MultiplyWord(w3, multiplier, ref carry);
        return carry == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyWord(ulong word, ulong multiplier, ref ulong carry)
    {
        var high = Math.BigMul(word, multiplier, out var low);
        var sum = low + carry;
        carry = high + (sum < low ? 1UL : 0UL);
        return sum;
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        BitConverter.TryWriteBytes(bytes, _w0);
        BitConverter.TryWriteBytes(bytes[8..], _w1);
        BitConverter.TryWriteBytes(bytes[16..], _w2);
        BitConverter.TryWriteBytes(bytes[24..], _w3);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>The decimal text (cold path: allocates).</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    public bool Equals(AssetId other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is AssetId other && Equals(other);

    // Token ids are keccak-derived, so the low word alone is already well mixed.
    public override int GetHashCode() => HashCode.Combine(_w0, _w3);

    public int CompareTo(AssetId other)
    {
        var c = _w3.CompareTo(other._w3);
        if (c != 0)
        {
            return c;
        }

        c = _w2.CompareTo(other._w2);
        if (c != 0)
        {
            return c;
        }

        c = _w1.CompareTo(other._w1);
        return c != 0 ? c : _w0.CompareTo(other._w0);
    }

    public static bool operator ==(AssetId left, AssetId right) => left.Equals(right);

    public static bool operator !=(AssetId left, AssetId right) => !left.Equals(right);

    public static bool operator <(AssetId left, AssetId right) => left.CompareTo(right) < 0;

    public static bool operator >(AssetId left, AssetId right) => left.CompareTo(right) > 0;

    public static bool operator <=(AssetId left, AssetId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AssetId left, AssetId right) => left.CompareTo(right) >= 0;
}
