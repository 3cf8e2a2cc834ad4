using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>The UTF-8 bytes of the last string asked for, kept until a different instance comes; reuses its buffer.</summary>
internal sealed class Utf8Memo
{
    private string? _text;
    private byte[] _bytes = new byte[128];
    private int _length;

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Utf8(string text)
    {
        // Same instance, same bytes: strings are immutable.
        if (!ReferenceEquals(text, _text))
        {
            var length = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_bytes.Length < length)
            {
                _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
            }

            _length = Encoding.UTF8.GetBytes(text, _bytes);
            _text = text;
        }

        return _bytes.AsSpan(0, _length);
    }
}
