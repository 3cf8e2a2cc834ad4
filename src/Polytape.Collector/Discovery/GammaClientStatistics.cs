namespace Polytape.Collector.Discovery;

/// <summary>
/// Counters of a <see cref="GammaClient"/>, read lock-free from any thread (the lead exports them as metrics).
/// <see cref="Requests"/> counts attempts sent, so retries are included.
/// </summary>
public sealed class GammaClientStatistics
{
    private long _requests;
    private long _failures;
    private long _retries;
    private long _tooManyRequests;
    private long _serverErrors;
    private long _transportErrors;
    private long _latencyTicks;
    private long _lastLatencyTicks;
    private long _maxLatencyTicks;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts that did not end in a usable answer (429, 5xx, other errors, timeouts, transport errors).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public long Retries => Interlocked.Read(ref _retries);

    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Timeouts and connection failures.</summary>
    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>Sum of attempt latencies (send to body read), for a mean: <c>TotalLatency / Requests</c>.</summary>
    public TimeSpan TotalLatency => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));

    public TimeSpan LastLatency => TimeSpan.FromTicks(Interlocked.Read(ref _lastLatencyTicks));

    public TimeSpan MaxLatency => TimeSpan.FromTicks(Interlocked.Read(ref _maxLatencyTicks));

    internal void Sent() => Interlocked.Increment(ref _requests);

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void Completed(int statusCode, TimeSpan latency)
    {
        Interlocked.Add(ref _latencyTicks, latency.Ticks);
        Interlocked.Exchange(ref _lastLatencyTicks, latency.Ticks);
        var max = Interlocked.Read(ref _maxLatencyTicks);
        while (latency.Ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxLatencyTicks, latency.Ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }

        if (statusCode is >= 200 and < 300 or 404)
        {
            return;
        }

        Interlocked.Increment(ref _failures);
        if (statusCode == 429)
        {
            Interlocked.Increment(ref _tooManyRequests);
        }
        else if (statusCode >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
        else if (statusCode == 0)
        {
            Interlocked.Increment(ref _transportErrors);
        }
    }
}
