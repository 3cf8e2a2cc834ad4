using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// <see cref="EscapedQuoteBlock"/> 64 bytes at a time, where AVX-512 VBMI2 can drop bytes from a whole block in one
/// instruction (<c>vpcompressb</c>, register form: the memory form is slow on AMD). The 16-byte block's per-step
/// overhead was most of the reader's unescaping time; the rules are the same, only the width differs.
/// </summary>
internal static class EscapedQuoteBlock512
{
    private static readonly Vector512<byte> Indices = Vector512.CreateSequence((byte)0, (byte)1);

    public static bool IsSupported => Avx512Vbmi2.IsSupported;

    /// <summary>As <see cref="EscapedQuoteBlock.Copy"/>, for 64 bytes (both spans must have 64 bytes of room).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Copy(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written)
    {
        var block = Vector512.Create(source[..Vector512<byte>.Count]);
        var backslashBytes = Vector512.Equals(block, Vector512.Create((byte)'\\'));
        var backslashes = backslashBytes.ExtractMostSignificantBits();
        var quotes = Vector512.Equals(block, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
        var controls = Vector512.LessThan(block, Vector512.Create((byte)' ')).ExtractMostSignificantBits();
        const ulong lastByte = 1UL << 63;
        var irregular = controls | (quotes & ~(backslashes << 1)) | (backslashes & ~(quotes >> 1) & ~lastByte);
        var clean = irregular == 0;
        var prefix = clean ? Vector512<byte>.Count : BitOperations.TrailingZeroCount(irregular);
        consumed = clean && (backslashes & lastByte) != 0 ? prefix - 1 : prefix;
        var inPrefix = consumed == Vector512<byte>.Count ? ulong.MaxValue : (1UL << consumed) - 1;
        var kept = ~(backslashBytes & Vector512.LessThan(Indices, Vector512.Create((byte)consumed)));
        Avx512Vbmi2.Compress(Vector512<byte>.Zero, kept, block).CopyTo(destination);
        written = consumed - BitOperations.PopCount(backslashes & inPrefix);
        return clean;
    }
}
