using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// ClickHouse's RowBinary encoding, the few types the stores use: little-endian integers, strings as a LEB128 length
/// and UTF-8 bytes, Nullable as a 0/1 byte before the value, Decimal as its scaled integer. Writes into a reusable
/// buffer; one body per INSERT.
/// </summary>
internal sealed class RowBinaryWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public int Length => _buffer.WrittenCount;

    public void Reset() => _buffer.ResetWrittenCount();

    /// <summary>The next <paramref name="length"/> bytes of the body, counted as written: the caller fills them.</summary>
    public Span<byte> Reserve(int length)
    {
        var span = _buffer.GetSpan(length)[..length];
        _buffer.Advance(length);
        return span;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    /// <summary>The Nullable marker: 1 for NULL (nothing follows), 0 for a value (which follows).</summary>
    public void Null(bool isNull) => Byte(isNull ? (byte)1 : (byte)0);

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = _buffer.GetSpan(length + 10);
        var prefix = WriteLength(span, (ulong)length);
        Encoding.UTF8.GetBytes(value, span[prefix..]);
        _buffer.Advance(prefix + length);
    }

    /// <summary>A string already encoded as UTF-8.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        var span = _buffer.GetSpan(utf8.Length + 10);
        var prefix = WriteLength(span, (ulong)utf8.Length);
        utf8.CopyTo(span[prefix..]);
        _buffer.Advance(prefix + utf8.Length);
    }

    private static int WriteLength(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }
}
