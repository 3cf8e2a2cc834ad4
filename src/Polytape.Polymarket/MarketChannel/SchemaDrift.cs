using System.Text;
using Polytape.Domain.Identifiers;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// Counts what the venue sent that we do not know: event types, and keys an event type does not
/// define. Counting is allocation-free; a name is copied once, the first time it is seen, and at most
/// <see cref="MaxDistinctNames"/> names are kept (the rest are counted together).
/// </summary>
public sealed class SchemaDrift
{
    /// <summary>Bounds memory if a broken or hostile peer sends endless new names.</summary>
    public const int MaxDistinctNames = 256;

    private readonly Dictionary<byte[], long> _eventTypes = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], long> _fields = new(Utf8KeyComparer.Instance);

    public long UnknownEventTypes { get; private set; }

    public long UnknownFields { get; private set; }

    /// <summary>Occurrences beyond the distinct-name bound.</summary>
    public long Overflow { get; private set; }

    public void CountEventType(ReadOnlySpan<byte> eventType)
    {
        UnknownEventTypes++;
        Count(_eventTypes, eventType.IsEmpty ? "(missing)"u8 : eventType);
    }

    /// <summary>Counts a key as "context.key", e.g. "book.sequence" or "price_change.price_changes[].fee".</summary>
    public void CountField(ReadOnlySpan<byte> context, ReadOnlySpan<byte> key)
    {
        UnknownFields++;
        Span<byte> name = stackalloc byte[128];
        var length = Math.Min(context.Length, 63);
        context[..length].CopyTo(name);
        name[length++] = (byte)'.';
        var keyLength = Math.Min(key.Length, name.Length - length);
        key[..keyLength].CopyTo(name[length..]);
        Count(_fields, name[..(length + keyLength)]);
    }

    public IReadOnlyDictionary<string, long> EventTypeCounts() => Snapshot(_eventTypes);

    public IReadOnlyDictionary<string, long> FieldCounts() => Snapshot(_fields);

    private void Count(Dictionary<byte[], long> counts, ReadOnlySpan<byte> name)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(name, out var count))
        {
            lookup[name] = count + 1;
        }
        else if (counts.Count < MaxDistinctNames)
        {
            lookup[name] = 1;
        }
        else
        {
            Overflow++;
        }
    }

    private static SortedDictionary<string, long> Snapshot(Dictionary<byte[], long> counts)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in counts)
        {
            result[Encoding.UTF8.GetString(name)] = count;
        }

        return result;
    }
}
