using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Escapes the quotes of 16 payload bytes at once: the reverse of <see cref="EscapedQuoteBlock"/>. A JSON payload has a
/// quote every ~5–10 bytes, so a block copy that stops at each one stops every few bytes (that stop and restart was most
/// of the escaping time). Each half block is widened to its escaped form by one byte shuffle whose pattern, from a
/// table of 256, copies the half's bytes and puts a backslash (taken from a second, all-backslash half) before each
/// quote. The block stops only at a backslash or control byte, which <see cref="JsonStringEscaper"/> escapes alone.
/// x86 only (SSSE3's byte shuffle).
/// </summary>
internal static class QuoteEscapingBlock
{
    private const int Half = 8;

    /// <summary>The room <see cref="Escape"/> needs: a half block widens to 16 bytes, written 16 at a time.</summary>
    public const int DestinationRoom = 32;

    /// <summary>
    /// For each 8-bit mask of quotes in a half block: 16 shuffle indices, 0–7 for the half's bytes in order, each quote's
    /// preceded by 8 (a backslash), then 0x80 (zero) padding. Laid out 16 bytes per mask.
    /// </summary>
    private static readonly byte[] WidenPatterns = BuildWidenPatterns();

    public static bool IsSupported => Ssse3.IsSupported;

    /// <summary>
    /// Escapes all 16 bytes of <paramref name="block"/> into <paramref name="destination"/> (at least
    /// <see cref="DestinationRoom"/> long; bytes past <paramref name="written"/> are scratch) when its only special bytes
    /// are quotes: the common case, kept short because the next block's position hangs on <paramref name="written"/>
    /// alone. False, with nothing meaningful written, when it holds a backslash or control byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryEscapeWhole(Vector128<byte> block, Span<byte> destination, out int written)
    {
        var quotes = Quotes(block);
        written = Vector128<byte>.Count + BitOperations.PopCount(quotes);
        if (Others(block) != 0)
        {
            return false;
        }

        Widen(block, quotes, destination);
        return true;
    }

    /// <summary>
    /// Escapes the first <paramref name="limit"/> (at most 16) bytes of <paramref name="block"/> up to the first byte that
    /// is neither plain nor a quote into <paramref name="destination"/> (at least <see cref="DestinationRoom"/> long;
    /// bytes past <paramref name="written"/> are scratch). Returns how many bytes were taken: <paramref name="limit"/>,
    /// or fewer when the block stopped at a backslash or control byte.
    /// </summary>
    public static int Escape(Vector128<byte> block, int limit, Span<byte> destination, out int written)
    {
        var taken = BitOperations.TrailingZeroCount(Others(block) | (1u << limit));
        var escaped = Quotes(block) & ((1u << taken) - 1);
        Widen(block, escaped, destination);
        written = taken + BitOperations.PopCount(escaped);
        return taken;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Quotes(Vector128<byte> block) => Vector128.Equals(block, Vector128.Create((byte)'"')).ExtractMostSignificantBits();

    /// <summary>Backslashes and control bytes: escaped one at a time by the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Others(Vector128<byte> block) =>
        (Vector128.Equals(block, Vector128.Create((byte)'\\')) | Vector128.LessThan(block, Vector128.Create((byte)' '))).ExtractMostSignificantBits();

    /// <summary>Writes the block with a backslash before each byte in <paramref name="escaped"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Widen(Vector128<byte> block, uint escaped, Span<byte> destination)
    {
        var low = escaped & 0xFF;
        var high = escaped >> Half;

        // Each half next to eight backslashes (index 8 in its pattern), widened by its pattern.
        var backslashes = Vector128.Create((byte)'\\').AsUInt64();
        var lowSource = Sse2.UnpackLow(block.AsUInt64(), backslashes).AsByte();
        var highSource = Sse2.UnpackHigh(block.AsUInt64(), backslashes).AsByte();
        ref var patterns = ref MemoryMarshal.GetArrayDataReference(WidenPatterns);
        var lowPattern = Vector128.LoadUnsafe(ref patterns, (nuint)low * (nuint)Vector128<byte>.Count);
        var highPattern = Vector128.LoadUnsafe(ref patterns, (nuint)high * (nuint)Vector128<byte>.Count);
        Ssse3.Shuffle(lowSource, lowPattern).CopyTo(destination);
        // The high half right after the low half's widened bytes (when the caller stops within the low half, the high
        // half has no escapes and what it writes is scratch).
        Ssse3.Shuffle(highSource, highPattern).CopyTo(destination[(Half + BitOperations.PopCount(low))..]);
    }

    private static byte[] BuildWidenPatterns()
    {
        var table = new byte[(1 << Half) * Vector128<byte>.Count];
        for (var mask = 0; mask < 1 << Half; mask++)
        {
            var pattern = table.AsSpan(mask * Vector128<byte>.Count, Vector128<byte>.Count);
            pattern.Fill(0x80);
            var at = 0;
            for (var i = 0; i < Half; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    pattern[at++] = Half;
                }

                pattern[at++] = (byte)i;
            }
        }

        return table;
    }
}
