namespace Polytape.Collector.Feed;

/// <summary>
/// Staleness of one session, on the session's own clock: silence counts from the session's start (with a
/// grace for the first message) or from the last data frame, never from an earlier session.
/// </summary>
internal sealed class SessionClock(DateTimeOffset startedAt)
{
    private long _lastDataTicks;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public bool ReceivedData => Interlocked.Read(ref _lastDataTicks) != 0;

    /// <summary>Called by the receive loop; read by the control loop.</summary>
    public void DataAt(DateTimeOffset time) => Interlocked.Exchange(ref _lastDataTicks, time.UtcTicks);

    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter, TimeSpan firstMessageGrace, out TimeSpan silence)
    {
        var last = Interlocked.Read(ref _lastDataTicks);
        if (last == 0)
        {
            silence = now - StartedAt;
            return silence > firstMessageGrace;
        }

        silence = now - new DateTimeOffset(last, TimeSpan.Zero);
        return silence > staleAfter;
    }

    /// <summary>
    /// The first instant at which <see cref="IsStale"/> holds if no data arrives before it (silence must exceed the
    /// limit, hence one tick past it): the control loop sleeps until then instead of polling. Data arriving meanwhile
    /// only moves it later, so waking at an earlier answer is safe.
    /// </summary>
    public DateTimeOffset StaleAt(TimeSpan staleAfter, TimeSpan firstMessageGrace)
    {
        var last = Interlocked.Read(ref _lastDataTicks);
        var fromTicks = last == 0 ? StartedAt.UtcTicks : last;
        var limitTicks = (last == 0 ? firstMessageGrace : staleAfter).Ticks;
        return limitTicks >= DateTimeOffset.MaxValue.UtcTicks - fromTicks
            ? DateTimeOffset.MaxValue
            : new DateTimeOffset(fromTicks + limitTicks + 1, TimeSpan.Zero);
    }
}
