using System.Collections.Concurrent;
using System.Text;
using Polytape.Archive;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>Keeps what would be archived, payloads as text.</summary>
internal sealed class RecordingArchiveAppender : IArchiveAppender
{
    public ConcurrentQueue<(ArchiveRecord Record, string Payload)> Records { get; } = new();

    public ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default)
    {
        Records.Enqueue((record, Encoding.UTF8.GetString(record.Payload.Span)));
        return ValueTask.CompletedTask;
    }
}
