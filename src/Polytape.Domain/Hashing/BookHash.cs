using System.Buffers.Binary;

namespace Polytape.Domain.Hashing;

/// <summary>A Polymarket book hash: SHA-1, written on the wire as 40 lower-case hex characters.</summary>
public readonly struct BookHash : IEquatable<BookHash>
{
    public const int ByteLength = 20;
    public const int HexLength = 40;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    private BookHash(ulong a, ulong b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    public static BookHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != ByteLength)
        {
            throw new ArgumentException($"A book hash is {ByteLength} bytes, not {digest.Length}.", nameof(digest));
        }

        return new BookHash(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(digest[16..]));
    }

    /// <summary>Parses 40 hex characters (either case). Placeholders such as "0xabc123..." fail.</summary>
    public static bool TryParseHex(ReadOnlySpan<byte> utf8, out BookHash hash)
    {
        hash = default;
        if (utf8.Length != HexLength)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[ByteLength];
        if (Convert.FromHexString(utf8, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != ByteLength)
        {
            return false;
        }

        hash = FromBytes(digest);
        return true;
    }

    public static BookHash ParseHex(string hex) =>
        TryParseHex(System.Text.Encoding.ASCII.GetBytes(hex), out var hash)
            ? hash
            : throw new FormatException($"'{hex}' is not a book hash: expected {HexLength} hex characters.");

    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    /// <summary>
    /// Writes the 40 lower-case hex characters the venue sends as UTF-8 into the first <see cref="HexLength"/> bytes
    /// of <paramref name="destination"/>. Allocates nothing, so stores can write the hash column without a string.
    /// </summary>
    public void WriteHexUtf8(Span<byte> destination)
    {
        if (destination.Length < HexLength)
        {
            throw new ArgumentException($"A book hash needs {HexLength} bytes of hex, the destination has {destination.Length}.", nameof(destination));
        }

        Span<byte> digest = stackalloc byte[ByteLength];
        WriteBytes(digest);
        Convert.TryToHexStringLower(digest, destination, out _);
    }

    public override string ToString()
    {
        Span<byte> hex = stackalloc byte[HexLength];
        WriteHexUtf8(hex);
        return System.Text.Encoding.ASCII.GetString(hex);
    }

    public bool Equals(BookHash other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is BookHash other && Equals(other);

    public override int GetHashCode() => _a.GetHashCode();

    public static bool operator ==(BookHash left, BookHash right) => left.Equals(right);

    public static bool operator !=(BookHash left, BookHash right) => !left.Equals(right);
}
