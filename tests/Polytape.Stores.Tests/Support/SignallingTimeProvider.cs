using Polytape.TestSupport;

namespace Polytape.Stores.Tests.Support;

/// <summary>A <see cref="ManualTimeProvider"/> that also signals each timer created (a Task.Delay or a poll waiting on the clock).</summary>
public sealed class SignallingTimeProvider : TimeProvider, IDisposable
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000));
    private readonly SemaphoreSlim _timers = new(0);

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Waits for the next timer created since the last call.</summary>
    public Task WaitForTimerAsync() => _timers.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(
        static wait => Assert.True(wait.Result, "no timer was scheduled within 30 s"), TaskScheduler.Default);

    public void Advance(TimeSpan by) => _clock.Advance(by);

    public void Dispose() => _timers.Dispose();
}
