using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// SipHash-2-4 with a zero key over UTF-8 bytes: exactly ClickHouse's <c>sipHash64(String)</c>, so a key computed
/// here equals the one a query computes from the id. Hand-written (about 40 lines) because no package on our mirror
/// offers SipHash; <c>ClickHouseKeyTests</c> checks it against the server.
/// </summary>
internal static class SipHash
{
    public static ulong Hash64(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Span<byte> utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, utf8);
        return Hash64(utf8);
    }

    public static ulong Hash64(ReadOnlySpan<byte> data)
    {
        var v0 = 0x736f6d6570736575UL;
        var v1 = 0x646f72616e646f6dUL;
        var v2 = 0x6c7967656e657261UL;
        var v3 = 0x7465646279746573UL;
        var words = data.Length / 8;
        for (var i = 0; i < words; i++)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 8, 8));
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        // The tail bytes, little-endian, with the length (mod 256) in the top byte.
        var last = (ulong)data.Length << 56;
        var tail = data[(words * 8)..];
        for (var i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }

        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;
        v2 ^= 0xff;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
