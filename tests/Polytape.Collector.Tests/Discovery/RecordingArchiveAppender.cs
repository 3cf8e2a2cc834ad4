using Polytape.Archive;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>An archive that keeps copies of what it is given (the real writer is tested in Polytape.Archive.Tests).</summary>
internal sealed class RecordingArchiveAppender : IArchiveAppender
{
    private readonly Lock _gate = new();
    private readonly List<ArchiveRecord> _records = [];

    public IReadOnlyList<ArchiveRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _records.Add(record with { Payload = record.Payload.ToArray() });
        }

        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<ArchiveRecord> OfType(string eventType) => Records.Where(r => r.EventType == eventType).ToList();
}
