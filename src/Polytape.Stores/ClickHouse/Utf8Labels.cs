using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// UTF-8 bytes of label strings (side, source, event), found by reference: the tables pass a few constant strings, so
/// each is encoded once instead of on every row. Past the first <see cref="Capacity"/> instances nothing more is kept.
/// </summary>
internal sealed class Utf8Labels
{
    private const int Capacity = 16;

    private readonly string[] _texts = new string[Capacity];
    private readonly byte[][] _bytes = new byte[Capacity][];
    private int _count;

    /// <summary>The kept UTF-8 bytes of <paramref name="label"/>; null when it is not kept (the caller encodes it itself).</summary>
    public byte[]? Find(string label)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_texts[i], label))
            {
                return _bytes[i];
            }
        }

        if (_count == Capacity)
        {
            return null;
        }

        _texts[_count] = label;
        return _bytes[_count++] = Encoding.UTF8.GetBytes(label);
    }
}
