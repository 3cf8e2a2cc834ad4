using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// ClickHouse's RowBinary encoding, the few types the stores use: little-endian integers, strings as a LEB128 length
/// and UTF-8 bytes, Nullable as a 0/1 byte before the value, Decimal as its scaled integer. Writes into a reusable
/// buffer; one body per INSERT. A plain array and length rather than an <c>ArrayBufferWriter</c>: every field of every
/// row passes here, and one capacity check per field is all it needs.
/// </summary>
internal sealed class RowBinaryWriter
{
    private byte[] _buffer = new byte[1 << 16];
    private int _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public int Length => _length;

    public void Reset() => _length = 0;

    /// <summary>The next <paramref name="length"/> bytes of the body, counted as written: the caller fills them.</summary>
    public Span<byte> Reserve(int length)
    {
        Ensure(length);
        var span = _buffer.AsSpan(_length, length);
        _length += length;
        return span;
    }

    public void Int64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Int32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>The Nullable marker: 1 for NULL (nothing follows), 0 for a value (which follows).</summary>
    public void Null(bool isNull) => Byte(isNull ? (byte)1 : (byte)0);

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Ensure(length + 10);
        var span = _buffer.AsSpan(_length);
        var prefix = WriteLength(span, (ulong)length);
        Encoding.UTF8.GetBytes(value, span[prefix..]);
        _length += prefix + length;
    }

    /// <summary>A string already encoded as UTF-8.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length + 10);
        var span = _buffer.AsSpan(_length);
        var prefix = WriteLength(span, (ulong)utf8.Length);
        utf8.CopyTo(span[prefix..]);
        _length += prefix + utf8.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Grow(bytes);
        }
    }

    private void Grow(int bytes) =>
        Array.Resize(ref _buffer, (int)Math.Max(Math.Min(_buffer.Length * 2L, Array.MaxLength), (long)_length + bytes));

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
