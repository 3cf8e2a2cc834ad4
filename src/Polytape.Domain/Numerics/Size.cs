using System.Text;

namespace Polytape.Domain.Numerics;

/// <summary>
/// An exact size (shares, or USDC for minimum order sizes) in units of 0.000001, remembering the
/// decimals the venue wrote. Equality is numeric. <see cref="Empty"/> stands for an absent value ("").
/// </summary>
public readonly struct Size : IEquatable<Size>, IComparable<Size>
{
    /// <summary>Decimal places of one unit: trade sizes carry up to 6 decimals ("219.217767").</summary>
    public const int Scale = 6;
    public const long UnitsPerOne = 1_000_000;

    // 12 integer digits (a trillion shares) keep units below long.MaxValue with room to spare.
    private const int MaxIntegerDigits = 12;
    private const long EmptyUnits = -1;

    private readonly long _units;
    private readonly byte _decimals;

    private Size(long units, byte decimals)
    {
        _units = units;
        _decimals = decimals;
    }

    public static Size Empty { get; } = new(EmptyUnits, 0);

    public static Size Zero { get; } = new(0, 0);

    public long Units => _units;

    public byte Decimals => _decimals;

    public bool IsEmpty => _units == EmptyUnits;

    public bool IsZero => _units == 0;

    public static Size FromUnits(long units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        return new Size(units, FixedPoint.MinimalDecimals(units, Scale));
    }

    /// <summary>A size with a known decimal count (as stored in a book level); no validation beyond sign.</summary>
    public static Size FromUnitsExact(long units, byte decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, (byte)Scale);
        return new Size(units, decimals);
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Size size)
    {
        if (utf8.IsEmpty)
        {
            size = Empty;
            return true;
        }

        if (FixedPoint.TryParse(utf8, Scale, MaxIntegerDigits, out var units, out var decimals))
        {
            size = new Size(units, decimals);
            return true;
        }

        size = default;
        return false;
    }

    public static Size Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var size)
            ? size
            : throw new FormatException($"'{text}' is not a size: expected a plain decimal with at most {Scale} decimals.");

    public int FormatUtf8(Span<byte> destination) =>
        IsEmpty ? 0 : FixedPoint.Format(_units, Scale, _decimals, destination);

    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        return Encoding.UTF8.GetString(buffer[..FormatUtf8(buffer)]);
    }

    public bool Equals(Size other) => _units == other._units;

    public override bool Equals(object? obj) => obj is Size other && Equals(other);

    public override int GetHashCode() => _units.GetHashCode();

    public int CompareTo(Size other) => _units.CompareTo(other._units);

    public static bool operator ==(Size left, Size right) => left.Equals(right);

    public static bool operator !=(Size left, Size right) => !left.Equals(right);

    public static bool operator <(Size left, Size right) => left._units < right._units;

    public static bool operator >(Size left, Size right) => left._units > right._units;

    public static bool operator <=(Size left, Size right) => left._units <= right._units;

    public static bool operator >=(Size left, Size right) => left._units >= right._units;
}
