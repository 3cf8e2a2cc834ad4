using System.Text;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// The strings of the short ASCII labels that repeat on every record (connection ids, event types), so reading a
/// record does not allocate them again. A small direct-mapped table: a collision only costs a new string. Strings are
/// immutable, so records sharing them still own everything they hold. Not thread-safe: one per file reader.
/// </summary>
internal sealed class LabelCache
{
    private const int Slots = 64;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    /// <summary>The string of <paramref name="ascii"/> (the caller has checked it is printable ASCII).</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        var slot = Hash(ascii) & (Slots - 1);
        if (_keys[slot] is { } key && ascii.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        var text = Encoding.ASCII.GetString(ascii);
        _keys[slot] = ascii.ToArray();
        _values[slot] = text;
        return text;
    }

    private static int Hash(ReadOnlySpan<byte> ascii)
    {
        var hash = (uint)ascii.Length;
        foreach (var value in ascii)
        {
            hash = (hash * 31) + value;
        }

        return (int)(hash ^ (hash >> 7));
    }
}
