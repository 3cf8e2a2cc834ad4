namespace Polytape.Collector.Subscriptions;

/// <summary>
/// Paces WebSocket handshakes across the pool (the venue answers HTTP 429 to many at once, §8.6): one open
/// per interval, and after a 429 a pause for everyone that doubles with each further 429 and ends with the
/// next accepted handshake. Reconnects go through it too, so a network blip does not become a handshake storm.
/// </summary>
internal sealed class ConnectionOpenPacer(TimeSpan interval, TimeSpan throttledDelay, TimeSpan throttledMaxDelay, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _nextOpenAt = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _consecutiveThrottles;

    public long Throttles { get; private set; }

    /// <summary>Completes when the caller may open a connection.</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            bool reserved;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_pausedUntil > now)
                {
                    wait = _pausedUntil - now;
                    reserved = false;
                }
                else
                {
                    var at = _nextOpenAt > now ? _nextOpenAt : now;
                    _nextOpenAt = at + interval;
                    wait = at - now;
                    reserved = true;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            // A 429 that arrived while this caller waited for its slot pauses it too.
            if (reserved && !IsPaused())
            {
                return;
            }
        }
    }

    public void OnThrottled()
    {
        lock (_lock)
        {
            Throttles++;
            var factor = Math.Pow(2, Math.Min(_consecutiveThrottles++, 30));
            var pause = TimeSpan.FromTicks((long)Math.Min(throttledMaxDelay.Ticks, throttledDelay.Ticks * factor));
            var until = time.GetUtcNow() + pause;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public void OnAccepted()
    {
        lock (_lock)
        {
            _consecutiveThrottles = 0;
        }
    }

    private bool IsPaused()
    {
        lock (_lock)
        {
            return _pausedUntil > time.GetUtcNow();
        }
    }
}
