namespace Polytape.Archive.Flow;

/// <summary>
/// Bytes in flight through a queue, bounded: <see cref="AcquireAsync"/> waits, first come first served, while the
/// bytes held would exceed <see cref="Capacity"/>, and <see cref="Release"/> gives them back. A queue bounded by item
/// count alone holds a few KB in steady flow but gigabytes when thousands of ~300 KB initial dumps arrive at once; this
/// bounds both. A request larger than the whole budget passes when nothing else is held, so an outsized frame never
/// deadlocks. Hand-written because System.Threading.RateLimiting's ConcurrencyLimiter allocates a lease per
/// acquisition (here: per frame) and refuses a request above its limit.
/// </summary>
public sealed class ByteBudget
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private long _held;

    public ByteBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public long Capacity { get; }

    /// <summary>Bytes acquired and not yet released.</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>Completes synchronously (no allocation) when the bytes fit and nobody is waiting.</summary>
    public ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Waiter waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && Fits(bytes))
            {
                Volatile.Write(ref _held, _held + bytes);
                return ValueTask.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter(bytes);
            _waiters.Enqueue(waiter);
        }

        return new ValueTask(waiter.WaitAsync(this, cancellationToken));
    }

    public void Release(long bytes)
    {
        lock (_gate)
        {
            Volatile.Write(ref _held, _held - bytes);
            GrantWaiters();
        }
    }

    private bool Fits(long bytes) => _held == 0 || _held + bytes <= Capacity;

    /// <summary>Under the gate: hands bytes to waiters in arrival order while they fit, skipping cancelled ones.</summary>
    private void GrantWaiters()
    {
        while (_waiters.TryPeek(out var next))
        {
            if (next.Granted.Task.IsCompleted)
            {
                _waiters.Dequeue();
                continue;
            }

            if (!Fits(next.Bytes))
            {
                return;
            }

            _waiters.Dequeue();
            if (next.Granted.TrySetResult())
            {
                Volatile.Write(ref _held, _held + next.Bytes);
            }
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            // Granting and cancelling both happen under the gate, so a waiter is either granted or cancelled, not both.
            if (waiter.Granted.TrySetCanceled())
            {
                GrantWaiters();
            }
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WaitAsync(ByteBudget budget, CancellationToken cancellationToken)
        {
            await using (cancellationToken.Register(static state =>
            {
                var (b, w) = ((ByteBudget, Waiter))state!;
                b.Cancel(w);
            }, (budget, this)).ConfigureAwait(false))
            {
                await Granted.Task.ConfigureAwait(false);
            }
        }
    }
}
