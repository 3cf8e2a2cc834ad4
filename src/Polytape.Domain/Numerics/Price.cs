using System.Text;

namespace Polytape.Domain.Numerics;

/// <summary>
/// An exact price in units of 0.0001 (the finest Polymarket tick), remembering how many decimals the
/// venue wrote so the hash input can be reproduced. Equality and order are numeric: "0.5" equals "0.50".
/// <see cref="Empty"/> stands for the empty string the venue sends for an absent value.
/// </summary>
public readonly struct Price : IEquatable<Price>, IComparable<Price>
{
    /// <summary>Decimal places of one unit: tick sizes go down to 0.0001.</summary>
    public const int Scale = 4;
    public const int UnitsPerOne = 10_000;

    // Prices live in [0, 1]; five integer digits leave room for spreads and odd values without overflow.
    private const int MaxIntegerDigits = 5;
    private const int EmptyUnits = -1;

    private readonly int _units;
    private readonly byte _decimals;

    private Price(int units, byte decimals)
    {
        _units = units;
        _decimals = decimals;
    }

    public static Price Empty { get; } = new(EmptyUnits, 0);

    public static Price Zero { get; } = new(0, 0);

    public static Price One { get; } = new(UnitsPerOne, 0);

    public int Units => _units;

    /// <summary>Decimals as the venue wrote them (at least as many as the value needs).</summary>
    public byte Decimals => _decimals;

    public bool IsEmpty => _units == EmptyUnits;

    /// <summary>A price from units, written with the fewest decimals (the venue's canonical form).</summary>
    public static Price FromUnits(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        return new Price(units, FixedPoint.MinimalDecimals(units, Scale));
    }

    /// <summary>A price from units, written with exactly <paramref name="decimals"/> decimals when they suffice.</summary>
    public static Price FromUnits(int units, byte decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, (byte)Scale);
        // Stored levels always carry enough decimals, so the common case skips the trailing-zero scan.
        return decimals == Scale ? new Price(units, decimals) : new Price(units, Math.Max(decimals, FixedPoint.MinimalDecimals(units, Scale)));
    }

    /// <summary>Parses decimal text; the empty string gives <see cref="Empty"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price price)
    {
        if (utf8.IsEmpty)
        {
            price = Empty;
            return true;
        }

        if (FixedPoint.TryParse(utf8, Scale, MaxIntegerDigits, out var units, out var decimals))
        {
            price = new Price((int)units, decimals);
            return true;
        }

        price = default;
        return false;
    }

    public static Price Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var price)
            ? price
            : throw new FormatException($"'{text}' is not a price: expected a plain decimal with at most {Scale} decimals.");

    /// <summary>Writes the venue's text ("" when empty); the destination must hold FixedPoint.MaxFormattedLength bytes.</summary>
    public int FormatUtf8(Span<byte> destination) =>
        IsEmpty ? 0 : FixedPoint.Format(_units, Scale, _decimals, destination);

    /// <summary>The same value written with other decimals, e.g. a trade price in the book's "0.500" style.</summary>
    public Price WithDecimals(byte decimals) => IsEmpty ? this : FromUnits(_units, decimals);

    /// <summary>1 − p: the price of the same level seen from the complementary outcome token.</summary>
    public Price Complement() => IsEmpty ? this : FromUnits(UnitsPerOne - _units, _decimals);

    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        return Encoding.UTF8.GetString(buffer[..FormatUtf8(buffer)]);
    }

    public bool Equals(Price other) => _units == other._units;

    public override bool Equals(object? obj) => obj is Price other && Equals(other);

    public override int GetHashCode() => _units;

    public int CompareTo(Price other) => _units.CompareTo(other._units);

    public static bool operator ==(Price left, Price right) => left.Equals(right);

    public static bool operator !=(Price left, Price right) => !left.Equals(right);

    public static bool operator <(Price left, Price right) => left._units < right._units;

    public static bool operator >(Price left, Price right) => left._units > right._units;

    public static bool operator <=(Price left, Price right) => left._units <= right._units;

    public static bool operator >=(Price left, Price right) => left._units >= right._units;
}
