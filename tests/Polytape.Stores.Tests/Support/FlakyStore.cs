using Polytape.Stores.Model;

namespace Polytape.Stores.Tests.Support;

/// <summary>A store whose first writes fail as if the server were down; signals each failure and each position reached.</summary>
public sealed class FlakyStore(IStore inner, int failures) : IStore
{
    private readonly Lock _gate = new();
    private readonly List<(long Position, TaskCompletionSource Reached)> _waiters = [];
    private long _position;
    private int _failuresLeft = failures;
    private TaskCompletionSource _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoreKind Kind => inner.Kind;

    public string Description => "flaky " + inner.Description;

    /// <summary>Completes at the next failure.</summary>
    public Task NextFailure => _failure.Task;

    /// <summary>Waits until the loader has scheduled its backoff on the clock, and re-arms <see cref="NextFailure"/>.</summary>
    public async Task WaitUntilRetryScheduledAsync(SignallingTimeProvider time)
    {
        await time.WaitForTimerAsync();
        _failure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => inner.EnsureSchemaAsync(cancellationToken);

    public Task<long> GetPositionAsync(CancellationToken cancellationToken = default) => inner.GetPositionAsync(cancellationToken);

    /// <summary>Completes once a write has raised the position to <paramref name="position"/>.</summary>
    public Task WaitForPositionAsync(long position)
    {
        lock (_gate)
        {
            if (_position >= position)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((position, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            _failure.TrySetResult();
            throw new StoreException("connection refused (simulated outage)");
        }

        await inner.WriteAsync(batch, cancellationToken);
        lock (_gate)
        {
            _position = Math.Max(_position, batch.LastSequence);
            foreach (var waiter in _waiters.Where(w => w.Position <= _position).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public Task<StoredBook?> ReadBookAsync(string assetId, long atSequence, CancellationToken cancellationToken = default) =>
        inner.ReadBookAsync(assetId, atSequence, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default) =>
        inner.CountRowsAsync(cancellationToken);

    public Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ApplyRetentionAsync(policy, now, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
