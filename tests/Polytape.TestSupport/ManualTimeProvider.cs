namespace Polytape.TestSupport;

/// <summary>
/// A clock that moves only when a test says so (Microsoft's FakeTimeProvider is not on our NuGet mirror).
/// Timers fire synchronously, in due order, inside <see cref="Advance"/>.
/// </summary>
/// <remarks>
/// While an advance fires its timers, the advancing thread sees the clock step to each timer's due time, so a
/// callback reads the time it was due at. Every other thread sees the advance as one jump to its target: a loop
/// that reads the clock and then arms a timer on another thread must never arm it from a time halfway through the
/// advance, or it would wait past the target and never fire (a discovery test hung on exactly that).
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly object _advancing = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _ticks;
    private DateTimeOffset _stepNow;
    private long _stepTicks;
    private int _advancingThread;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return NowForCaller();
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return IsAdvancingThread() ? _stepTicks : _ticks;
        }
    }

    /// <summary>Raised after a timer is created and scheduled: a test can wait until code it cannot see has armed its delay.</summary>
    public event Action? TimerCreated;

    /// <summary>Moves the clock forward, firing every timer due by the target in due order. One advance at a time.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_advancing)
        {
            DateTimeOffset target;
            lock (_gate)
            {
                target = _now + by;
                _stepNow = _now;
                _stepTicks = _ticks;
                _now = target;
                _ticks += by.Ticks;
                _advancingThread = Environment.CurrentManagedThreadId;
            }

            try
            {
                FireDue(target);
            }
            finally
            {
                lock (_gate)
                {
                    _advancingThread = 0;
                }
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        TimerCreated?.Invoke();
        return timer;
    }

    private void FireDue(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                var until = due?.DueAt ?? target;
                if (until > _stepNow)
                {
                    _stepTicks += (until - _stepNow).Ticks;
                    _stepNow = until;
                }

                if (due is null)
                {
                    return;
                }

                due.Reschedule();
            }

            due.Fire();
        }
    }

    /// <summary>Under <see cref="_gate"/>: the stepped time for the advancing thread, the target for everyone else.</summary>
    private DateTimeOffset NowForCaller() => IsAdvancingThread() ? _stepNow : _now;

    private bool IsAdvancingThread() => _advancingThread == Environment.CurrentManagedThreadId;

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner.NowForCaller() + dueTime;
                    owner._timers.Add(this);
                }
            }

            return true;
        }

        /// <summary>Called under the owner's lock before firing: periodic timers go again, one-shots leave.</summary>
        public void Reschedule()
        {
            owner._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                DueAt += _period;
                owner._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
