using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Unescapes 16 bytes at a time through their <c>\"</c> escapes. An archived payload is JSON, so its escaped form has a
/// quote every few bytes: a block copy that stops at each escape stops every few bytes (most of the unescaping time was
/// those stops). Here the backslashes of a block's <c>\"</c> pairs are dropped with one byte shuffle, each half block
/// taking its pattern from a table of 256; the block stops only at anything else (another escape, the closing quote, a
/// control byte), which <see cref="JsonStringUnescaper"/> then handles one at a time. x86 only (SSSE3's byte shuffle).
/// </summary>
internal static class EscapedQuoteBlock
{
    private const int Half = 8;

    /// <summary>For each 8-bit mask of bytes to drop: the indices of the bytes kept, in order, then 0x80 (zero) padding.</summary>
    private static readonly ulong[] KeptIndices = BuildKeptIndices();

    public static bool IsSupported => Ssse3.IsSupported;

    /// <summary>
    /// Unescapes the longest prefix of the 16 bytes at the start of <paramref name="source"/> that holds only plain bytes
    /// and whole <c>\"</c> pairs into <paramref name="destination"/> (both must have 16 bytes of room; bytes past
    /// <paramref name="written"/> are scratch). True when the block held nothing else, so the caller goes on with the
    /// next block at <paramref name="consumed"/> (a backslash in the last byte is left to it, as its pair may be there);
    /// false when it stopped at a byte to be handled alone (another escape, the closing quote, a control byte).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Copy(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written)
    {
        var block = Vector128.Create(source[..Vector128<byte>.Count]);
        var backslashes = Vector128.Equals(block, Vector128.Create((byte)'\\')).ExtractMostSignificantBits();
        var quotes = Vector128.Equals(block, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
        var controls = Vector128.LessThan(block, Vector128.Create((byte)' ')).ExtractMostSignificantBits();
        // Outside a \" pair: a backslash before anything but a quote (in the block: a last-byte one is deferred), a
        // quote without its backslash (the closing quote), a raw control byte. The prefix ends at the first.
        const uint lastByte = 0x8000;
        var irregular = controls | (quotes & ~(backslashes << 1)) | (backslashes & ~(quotes >> 1) & ~lastByte);
        var prefix = BitOperations.TrailingZeroCount(irregular | (1u << Vector128<byte>.Count));
        var clean = prefix == Vector128<byte>.Count;
        consumed = clean && (backslashes & lastByte) != 0 ? prefix - 1 : prefix;
        var dropped = backslashes & ((1u << consumed) - 1);
        var low = dropped & 0xFF;
        var high = dropped >> Half;
        var pattern = Vector128.Create(KeptIndices[low], KeptIndices[high] + 0x0808_0808_0808_0808UL).AsByte();
        var packed = Ssse3.Shuffle(block, pattern).AsUInt64();
        // The low half's kept bytes, then the high half's right after them (a prefix within the low half never reads
        // the high half, so its kept count may include bytes past the prefix).
        BinaryPrimitives.WriteUInt64LittleEndian(destination, packed.GetElement(0));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(Half - BitOperations.PopCount(low))..], packed.GetElement(1));
        written = consumed - BitOperations.PopCount(dropped);
        return clean;
    }

    private static ulong[] BuildKeptIndices()
    {
        var table = new ulong[1 << Half];
        for (var mask = 0; mask < table.Length; mask++)
        {
            ulong indices = 0;
            var kept = 0;
            for (var i = 0; i < Half; i++)
            {
                if ((mask & (1 << i)) == 0)
                {
                    indices |= (ulong)i << (kept++ * 8);
                }
            }

            for (; kept < Half; kept++)
            {
                indices |= 0x80UL << (kept * 8);
            }

            table[mask] = indices;
        }

        return table;
    }
}
