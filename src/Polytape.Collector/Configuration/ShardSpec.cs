using System.Globalization;

namespace Polytape.Collector.Configuration;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (0-based), written "i/n"; a StatefulSet ordinal gives i.</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Parses "i/n"; throws <see cref="FormatException"/> saying what is expected.</summary>
    public static ShardSpec Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return new ShardSpec(index, count);
        }

        throw new FormatException($"'{text}' is not a shard; write i/n, e.g. 0/4 for the first of four collectors");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
