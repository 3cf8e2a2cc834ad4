namespace Polytape.Simulator.Rest;

/// <summary>
/// A sliding-window request counter with a bounded wait queue. Requests over the limit wait (are delayed) until
/// <see cref="Slide"/> ages a segment out of the window; when the queue is full they are refused. The window moves
/// only when the owner calls <see cref="Slide"/> (on a <see cref="TimeProvider"/> timer), so a manual clock drives it.
/// System.Threading.RateLimiting's limiter was not used: its manual replenishment still gates on the real clock.
/// </summary>
internal sealed class SlidingWindow(int permitLimit, int queueLimit, int segments)
{
    private readonly object _gate = new();
    private readonly int[] _perSegment = new int[segments];
    private readonly LinkedList<TaskCompletionSource<bool>> _waiting = new();
    private int _current;
    private int _inWindow;

    /// <summary>True when admitted (at once or after a delay), false when refused because the queue is full.</summary>
    public async ValueTask<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _inWindow < permitLimit)
            {
                Admit();
                return true;
            }

            if (_waiting.Count >= queueLimit)
            {
                return false;
            }

            node = _waiting.AddLast(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        // A client that gives up leaves the queue, freeing its place.
        using var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
        return await node.Value.Task.ConfigureAwait(false);
    }

    /// <summary>Moves the window one segment: requests counted a window ago leave it, and waiting ones are admitted.</summary>
    public void Slide()
    {
        lock (_gate)
        {
            _current = (_current + 1) % _perSegment.Length;
            _inWindow -= _perSegment[_current];
            _perSegment[_current] = 0;
            while (_inWindow < permitLimit && _waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                Admit();
                first.Value.TrySetResult(true);
            }
        }
    }

    private void Admit()
    {
        _perSegment[_current]++;
        _inWindow++;
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
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
