using Polytape.Collector.Ingest;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Counts snapshots per asset (as the pool would see them) and lets tests await a condition on the counts.</summary>
internal sealed class SnapshotSignals : IAssetDeliveryObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<(Func<IReadOnlyDictionary<string, int>, bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    public void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8) => Count(System.Text.Encoding.UTF8.GetString(assetIdUtf8));

    public void Count(string assetId)
    {
        lock (_gate)
        {
            _counts[assetId] = _counts.GetValueOrDefault(assetId) + 1;
            foreach (var waiter in _waiters.Where(w => w.Condition(_counts)).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public int CountOf(string assetId)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(assetId);
        }
    }

    /// <summary>Completes when every asset has had at least <paramref name="count"/> snapshots; fails after 30 s.</summary>
    public Task WaitForAsync(IEnumerable<string> assetIds, int count = 1)
    {
        var ids = assetIds.ToList();
        return WaitUntilAsync(counts => ids.All(id => counts.GetValueOrDefault(id) >= count));
    }

    private Task WaitUntilAsync(Func<IReadOnlyDictionary<string, int>, bool> condition)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_counts))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, signal));
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
