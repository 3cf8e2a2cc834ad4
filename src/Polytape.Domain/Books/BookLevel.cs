using System.Runtime.InteropServices;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Books;

/// <summary>
/// One price level. Packed into 16 bytes (price units, both decimal counts, size units) so a side of
/// the book is a compact array that is cheap to search and shift.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct BookLevel : IEquatable<BookLevel>
{
    private readonly int _priceUnits;
    private readonly byte _priceDecimals;
    private readonly byte _sizeDecimals;
    private readonly long _sizeUnits;

    public BookLevel(Price price, Size size)
    {
        _priceUnits = price.Units;
        _priceDecimals = price.Decimals;
        _sizeUnits = size.Units;
        _sizeDecimals = size.Decimals;
    }

    public Price Price => Price.FromUnits(_priceUnits, _priceDecimals);

    public Size Size => Size.FromUnitsExact(_sizeUnits, _sizeDecimals);

    public int PriceUnits => _priceUnits;

    public long SizeUnits => _sizeUnits;

    /// <summary>Decimals the price was written with (always enough for its value).</summary>
    public byte PriceDecimals => _priceDecimals;

    /// <summary>Decimals the size was written with (always enough for its value).</summary>
    public byte SizeDecimals => _sizeDecimals;

    /// <summary>Numeric equality of price and size (decimal formatting is ignored).</summary>
    public bool Equals(BookLevel other) => _priceUnits == other._priceUnits && _sizeUnits == other._sizeUnits;

    public override bool Equals(object? obj) => obj is BookLevel other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_priceUnits, _sizeUnits);

    public override string ToString() => $"{Price}@{Size}";

    public static bool operator ==(BookLevel left, BookLevel right) => left.Equals(right);

    public static bool operator !=(BookLevel left, BookLevel right) => !left.Equals(right);
}
