using System.Diagnostics.Tracing;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// Which types a run allocates, from the runtime's own sampling: the GC raises an AllocationTick event about every
/// 100 KB allocated, naming the type of the object that crossed the mark, so types are seen in proportion to the bytes
/// they allocate. Enough to find a per-frame allocation without a profiler on the machine.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _bytesByType = [];
    private volatile bool _counting;

    public void Start() => _counting = true;

    public IReadOnlyList<(string Type, long Bytes)> Top(int count)
    {
        _counting = false;
        lock (_gate)
        {
            return [.. _bytesByType.OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, pair.Value))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_counting || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (_gate)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
