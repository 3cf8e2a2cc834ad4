using System.Net;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// The venue's handshake throttle (live: HTTP 429 when a client opens many sockets at once): a one-second
/// sliding window of attempts per client address. Hand-rolled rather than System.Threading.RateLimiting
/// because those limiters read the system clock, and tests drive this one with a manual TimeProvider.
/// Rejected attempts count too, so a client that hammers stays throttled, as with live rate limits.
/// </summary>
internal sealed class HandshakeLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Dictionary<IPAddress, Queue<long>> _attempts = [];
    private readonly Lock _lock = new();

    /// <summary>Records an attempt; false when it is over <paramref name="perSecond"/> (0: no limit, nothing recorded).</summary>
    public bool TryAcquire(IPAddress? client, int perSecond)
    {
        if (perSecond <= 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        lock (_lock)
        {
            var key = client ?? IPAddress.None;
            if (!_attempts.TryGetValue(key, out var attempts))
            {
                _attempts[key] = attempts = new Queue<long>();
            }

            while (attempts.Count > 0 && time.GetElapsedTime(attempts.Peek(), now) >= Window)
            {
                attempts.Dequeue();
            }

            attempts.Enqueue(now);
            return attempts.Count <= perSecond;
        }
    }
}
