using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Polytape.Domain.Identifiers;

/// <summary>
/// Compares byte-array keys by content and lets a <c>Dictionary&lt;byte[], T&gt;</c> be searched with
/// the UTF-8 bytes of a frame (its alternate lookup), so ids are found without allocating a string.
/// </summary>
public sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>
    /// Token ids end in 16 effectively random digits, so folding the last 16 bytes is a good and
    /// very cheap hash; shorter keys (event and field names) are folded whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        ulong a, b;
        if (key.Length >= 16)
        {
            a = BinaryPrimitives.ReadUInt64LittleEndian(key[^16..]);
            b = BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]);
        }
        else
        {
            Span<byte> padded = stackalloc byte[16];
            padded.Clear();
            key.CopyTo(padded);
            a = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            b = BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]);
        }

        var mixed = ((a * 0x9E3779B97F4A7C15UL) ^ (b * 0xC2B2AE3D27D4EB4FUL)) + (ulong)key.Length;
        return (int)(mixed ^ (mixed >> 29));
    }
}
