namespace Polytape.Collector.Tests.Discovery;

/// <summary>
/// The system clock, except that one-shot timers other than the request timeout fire at once and their due times
/// are recorded: retry backoffs then take no wall time, and a test can read the delay the client chose.
/// </summary>
internal sealed class ShortcutTimeProvider(TimeSpan requestTimeout) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan || dueTime == requestTimeout || dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        lock (_gate)
        {
            _delays.Add(dueTime);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
