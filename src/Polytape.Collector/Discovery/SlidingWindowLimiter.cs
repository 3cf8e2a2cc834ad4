namespace Polytape.Collector.Discovery;

/// <summary>
/// A client-side sliding-window request limit: at most <c>permitLimit</c> requests in any window; requests over it
/// wait, in order, until a segment ages out. The window slides on a timer from the injected
/// <see cref="TimeProvider"/>, so a manual clock drives it. System.Threading.RateLimiting's SlidingWindowRateLimiter
/// was not used: it takes no TimeProvider, and its manual replenishment is still gated on the real clock (the
/// simulator's REST throttle found the same).
/// </summary>
internal sealed class SlidingWindowLimiter : IDisposable
{
    // Ten segments: a permit returns between 0.9 and 1 window after it was used, like the venue's sliding windows.
    private const int Segments = 10;

    private readonly Lock _gate = new();
    private readonly int _permitLimit;
    private readonly int[] _perSegment = new int[Segments];
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private readonly ITimer _timer;
    private int _current;
    private int _inWindow;

    public SlidingWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time)
    {
        _permitLimit = permitLimit;
        var segment = window / Segments;
        _timer = time.CreateTimer(static state => ((SlidingWindowLimiter)state!).Slide(), this, segment, segment);
    }

    /// <summary>Requests waiting for a permit.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Completes when the request may be sent; a cancelled wait leaves the queue.</summary>
    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _inWindow < _permitLimit)
            {
                Admit();
                return ValueTask.CompletedTask;
            }

            node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return WaitAsync(node, cancellationToken);
    }

    public void Dispose() => _timer.Dispose();

    private async ValueTask WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
        await node.Value.Task.ConfigureAwait(false);
    }

    /// <summary>Moves the window one segment: requests counted a window ago leave it and waiting ones are admitted.</summary>
    private void Slide()
    {
        lock (_gate)
        {
            _current = (_current + 1) % Segments;
            _inWindow -= _perSegment[_current];
            _perSegment[_current] = 0;
            while (_inWindow < _permitLimit && _waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                Admit();
                first.Value.TrySetResult();
            }
        }
    }

    private void Admit()
    {
        _perSegment[_current]++;
        _inWindow++;
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
            }
        }

        node.Value.TrySetCanceled(cancellationToken);
    }
}
