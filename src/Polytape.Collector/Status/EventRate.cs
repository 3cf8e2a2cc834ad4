namespace Polytape.Collector.Status;

/// <summary>
/// Events per second from a running total, measured between successive samples on the monotonic clock: the status
/// producer samples its event counter once per status tick and shows the rate since the previous tick.
/// </summary>
public sealed class EventRate(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _lastTotal;
    private long _lastTimestamp = -1;
    private double _rate;

    /// <summary>Records <paramref name="total"/> (events since start) and returns the rate since the previous sample.</summary>
    public double Sample(long total)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_lastTimestamp >= 0)
            {
                var elapsed = time.GetElapsedTime(_lastTimestamp, now);

                // Two samples in the same instant say nothing new: keep the last rate, and keep measuring from
                // the earlier sample so the events in between count in the next interval.
                if (elapsed <= TimeSpan.Zero)
                {
                    return _rate;
                }

                _rate = Math.Max(0, total - _lastTotal) / elapsed.TotalSeconds;
            }

            _lastTotal = total;
            _lastTimestamp = now;
            return _rate;
        }
    }
}
