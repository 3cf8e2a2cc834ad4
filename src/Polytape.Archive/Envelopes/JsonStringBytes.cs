using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polytape.Archive.Envelopes;

/// <summary>The bytes a JSON string must escape (quote, backslash, control characters), found 16 at a time.</summary>
internal static class JsonStringBytes
{
    /// <summary>Bit i is set when byte i of <paramref name="block"/> needs escaping (or, in escaped text, is special).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SpecialMask(Vector128<byte> block) =>
        (Vector128.Equals(block, Vector128.Create((byte)'"'))
            | Vector128.Equals(block, Vector128.Create((byte)'\\'))
            | Vector128.LessThan(block, Vector128.Create((byte)' '))).ExtractMostSignificantBits();

    /// <summary>
    /// Copies the 16 bytes at the start of <paramref name="source"/> to <paramref name="destination"/> (both must have
    /// room) and returns how many precede the first special byte: 16 when there is none. Copying unconditionally is
    /// cheaper than copying only the clean part; the caller keeps what the count says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CopyBlock(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var block = Vector128.Create(source[..Vector128<byte>.Count]);
        block.CopyTo(destination);
        var mask = SpecialMask(block);
        return mask == 0 ? Vector128<byte>.Count : BitOperations.TrailingZeroCount(mask);
    }
}
