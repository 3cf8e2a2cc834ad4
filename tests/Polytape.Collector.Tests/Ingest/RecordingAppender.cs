using System.Collections.Concurrent;
using System.Text;
using Polytape.Archive;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>
/// An archive appender for tests: keeps a copy of every record (as the writer would, before returning), forwards to
/// an optional real writer, can be stalled (appends wait until <see cref="Resume"/>), and lets tests await a count.
/// </summary>
internal sealed class RecordingAppender(IArchiveAppender? inner = null) : IArchiveAppender
{
    private readonly object _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private TaskCompletionSource? _stall;

    public ConcurrentQueue<Copy> Records { get; } = new();

    public int WsCount => Records.Count(r => r.Kind == ArchiveRecordKind.Ws);

    public void Stall() => _stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _stall?.TrySetResult();

    public async ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default)
    {
        if (_stall is { } stall)
        {
            await stall.Task.WaitAsync(cancellationToken);
        }

        Records.Enqueue(new Copy(record.Kind, record.Connection, record.Epoch, record.ConnectionSequence, record.EventType, record.Context, Encoding.UTF8.GetString(record.Payload.Span)));
        if (inner is not null)
        {
            await inner.AppendAsync(record, cancellationToken);
        }

        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds after some append (or already holds); fails after 30 s.</summary>
    public Task WaitUntilAsync(Func<RecordingAppender, bool> condition)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((() => condition(this), signal));
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    internal sealed record Copy(ArchiveRecordKind Kind, string Connection, int Epoch, long ConnectionSequence, string? EventType, string? Context, string Payload);
}
