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
}
