using System.Text;
using System.Text.Json;
using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>
/// The downstream sink of a pool under test: copies each frame out and releases it, tells the pool of every
/// book snapshot (as the ingest pipeline will), keeps an ordered log of frames and session events, and lets a
/// test await a condition that is re-checked after every event (and every supervision pass it is told of).
/// </summary>
internal sealed class PoolTestSink : IFeedSink
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<PoolEvent> _events = [];
    private readonly Dictionary<(string Connection, int Epoch), HashSet<string>> _snapshots = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public FeedPool? Pool { get; set; }

    /// <summary>Called synchronously when a session ends, before the event is logged (to capture ground truth at that moment).</summary>
    public Action<string, int, FeedDisconnectReason>? OnEnded { get; set; }

    public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(frame.Bytes);
        frame.Release();
        var books = BookAssets(text);

        // The pool hears of the snapshots before the frame is logged, so a test that sees the frame sees their effect.
        foreach (var asset in books)
        {
            Pool?.OnSnapshot(frame.ConnectionId, frame.Epoch, asset);
        }

        lock (_lock)
        {
            _events.Add(new PoolEvent(PoolEventKind.Frame, frame.ConnectionId, frame.Epoch, text, default));
            if (books.Count > 0)
            {
                if (!_snapshots.TryGetValue((frame.ConnectionId, frame.Epoch), out var set))
                {
                    _snapshots[(frame.ConnectionId, frame.Epoch)] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(books);
            }
        }

        Signal();
        return ValueTask.CompletedTask;
    }

    public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds)
    {
        lock (_lock)
        {
            _events.Add(new PoolEvent(PoolEventKind.Started, connectionId, epoch, string.Empty, default));
        }

        Signal();
    }

    public void OnSessionClosing(string connectionId, int epoch)
    {
    }

    public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail)
    {
        OnEnded?.Invoke(connectionId, epoch, reason);
        lock (_lock)
        {
            _events.Add(new PoolEvent(PoolEventKind.Ended, connectionId, epoch, detail, reason));
        }

        Signal();
    }

    public IReadOnlyList<PoolEvent> Events()
    {
        lock (_lock)
        {
            return [.. _events];
        }
    }

    /// <summary>Assets whose book arrived on the connection (in one epoch, or in any).</summary>
    public HashSet<string> Snapshots(string connection, int? epoch = null)
    {
        lock (_lock)
        {
            return _snapshots.Where(p => p.Key.Connection == connection && (epoch is null || p.Key.Epoch == epoch))
                .SelectMany(p => p.Value).ToHashSet(StringComparer.Ordinal);
        }
    }

    public IReadOnlyDictionary<(string Connection, int Epoch), HashSet<string>> SnapshotsByEpoch()
    {
        lock (_lock)
        {
            return _snapshots.ToDictionary(p => p.Key, p => p.Value.ToHashSet(StringComparer.Ordinal));
        }
    }

    public bool Any(Func<PoolEvent, bool> predicate)
    {
        lock (_lock)
        {
            return _events.Any(predicate);
        }
    }

    public int Count(Func<PoolEvent, bool> predicate)
    {
        lock (_lock)
        {
            return _events.Count(predicate);
        }
    }

    /// <summary>Completes once the condition holds (checked now and after every event); fails after 30 s.</summary>
    public async Task WaitAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Signal();
        try
        {
            await done.Task.WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            var recent = string.Join("\n", Events().TakeLast(12).Select(e => $"{e.Kind} {e.Connection}#{e.Epoch} {e.Reason} {e.Text[..Math.Min(e.Text.Length, 160)]}"));
            throw new TimeoutException($"Timed out after {Guard.TotalSeconds} s waiting for {what}. Last events:\n{recent}");
        }
    }

    /// <summary>Re-checks the waiting conditions (outside the lock: they may read the pool or the simulator).</summary>
    public void Signal()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            if (waiter.Condition())
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                waiter.Done.TrySetResult();
            }
        }
    }

    private static List<string> BookAssets(string text)
    {
        if (text.Length == 0 || (text[0] != '[' && text[0] != '{'))
        {
            return [];
        }

        using var document = JsonDocument.Parse(text);
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        return items.Where(i => i.TryGetProperty("event_type", out var type) && type.GetString() == "book")
            .Select(i => i.GetProperty("asset_id").GetString()!).ToList();
    }
}

internal enum PoolEventKind
{
    Frame,
    Started,
    Ended,
}

internal readonly record struct PoolEvent(PoolEventKind Kind, string Connection, int Epoch, string Text, FeedDisconnectReason Reason);
