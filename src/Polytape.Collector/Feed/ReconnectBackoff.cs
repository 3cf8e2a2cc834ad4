namespace Polytape.Collector.Feed;

/// <summary>Exponential, capped, fully jittered reconnect delays, reset when a session works again.</summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random)
{
    private int _attempt;

    public int Attempts => _attempt;

    /// <summary>The next delay: uniformly random in [initial/2, min(max, initial·2^attempt)].</summary>
    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        var floor = Math.Min(initial.TotalMilliseconds / 2, ceiling);
        return TimeSpan.FromMilliseconds(floor + (random.NextDouble() * (ceiling - floor)));
    }

    public void Reset() => _attempt = 0;
}
