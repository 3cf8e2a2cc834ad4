using System.Buffers.Text;
using System.Text;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Simulator.Wire;

/// <summary>
/// Writes venue-shaped JSON byte for byte. The venue's key order and separators matter to clients
/// (and to fidelity tests), so frames are written by hand rather than by a serializer: the initial dump
/// is compact, later messages put ", " between members as the live wire does.
/// </summary>
internal sealed class FrameBuffer
{
    private byte[] _buffer = new byte[4096];
    private int _length;

    /// <summary>", " (live incremental messages) or "," (initial dump).</summary>
    public bool Spaced { get; set; }

    public void Reset(bool spaced)
    {
        _length = 0;
        Spaced = spaced;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    /// <summary>The member separator: a comma, followed by a space on spaced frames.</summary>
    public void Comma() => Raw(Spaced ? ", "u8 : ","u8);

    /// <summary>Writes "key": (the opening quote of the key included).</summary>
    public void Key(ReadOnlySpan<byte> key)
    {
        Byte((byte)'"');
        Raw(key);
        Raw("\":"u8);
    }

    public void String(ReadOnlySpan<byte> utf8)
    {
        Byte((byte)'"');
        Raw(utf8);
        Byte((byte)'"');
    }

    /// <summary>A JSON string with escaping (for free text such as questions and descriptions).</summary>
    public void String(string text)
    {
        Byte((byte)'"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': Raw("\\\""u8); break;
                case '\\': Raw("\\\\"u8); break;
                case '\n': Raw("\\n"u8); break;
                case '\r': Raw("\\r"u8); break;
                case '\t': Raw("\\t"u8); break;
                case < 0x20:
                    Raw("\\u00"u8);
                    Byte((byte)"0123456789abcdef"[rune.Value >> 4]);
                    Byte((byte)"0123456789abcdef"[rune.Value & 0xF]);
                    break;
                default:
                    Ensure(4);
                    _length += rune.EncodeToUtf8(_buffer.AsSpan(_length));
                    break;
            }
        }

        Byte((byte)'"');
    }

    public void Member(ReadOnlySpan<byte> key, ReadOnlySpan<byte> utf8Value)
    {
        Key(key);
        String(utf8Value);
    }

    public void Member(ReadOnlySpan<byte> key, string value)
    {
        Key(key);
        String(value);
    }

    public void Member(ReadOnlySpan<byte> key, Price price)
    {
        Key(key);
        StringOf(price);
    }

    public void Member(ReadOnlySpan<byte> key, BookHash hash)
    {
        Key(key);
        Ensure(BookHash.HexLength + 2);
        _buffer[_length++] = (byte)'"';
        hash.WriteHexUtf8(_buffer.AsSpan(_length));
        _length += BookHash.HexLength;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Milliseconds as a JSON string, as the venue writes every timestamp.</summary>
    public void Timestamp(ReadOnlySpan<byte> key, long milliseconds)
    {
        Key(key);
        Ensure(24);
        _buffer[_length++] = (byte)'"';
        Utf8Formatter.TryFormat(milliseconds, _buffer.AsSpan(_length), out var written);
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    public void StringOf(Price price)
    {
        Ensure(FixedPoint.MaxFormattedLength + 2);
        _buffer[_length++] = (byte)'"';
        _length += price.FormatUtf8(_buffer.AsSpan(_length));
        _buffer[_length++] = (byte)'"';
    }

    public void StringOf(Size size)
    {
        Ensure(FixedPoint.MaxFormattedLength + 2);
        _buffer[_length++] = (byte)'"';
        _length += size.FormatUtf8(_buffer.AsSpan(_length));
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>[{"price":"…","size":"…"}, …] in the side's wire order.</summary>
    public void Levels(ReadOnlySpan<BookLevel> levels)
    {
        Byte((byte)'[');
        for (var i = 0; i < levels.Length; i++)
        {
            if (i > 0)
            {
                Comma();
            }

            Raw("{\"price\":"u8);
            StringOf(levels[i].Price);
            Comma();
            Raw("\"size\":"u8);
            StringOf(levels[i].Size);
            Byte((byte)'}');
        }

        Byte((byte)']');
    }

    public void StringArray(IEnumerable<string> values)
    {
        Byte((byte)'[');
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                Comma();
            }

            String(Encoding.UTF8.GetBytes(value));
            first = false;
        }

        Byte((byte)']');
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
