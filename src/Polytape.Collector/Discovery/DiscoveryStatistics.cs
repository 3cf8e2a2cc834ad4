namespace Polytape.Collector.Discovery;

/// <summary>Discovery's counters, read lock-free from any thread (exported as metrics and in the status document).</summary>
public sealed class DiscoveryStatistics
{
    private long _refreshes;
    private long _refreshFailures;
    private long _tokensAdded;
    private long _tokensRemoved;
    private long _tokensActive;
    private long _marketsActive;
    private long _marketsPending;
    private long _hydrationTimeouts;
    private long _noticesIgnored;
    private long _noticesDropped;
    private long _noticesCoalesced;
    private long _lastRefreshTicks;
    private string? _lastError;

    public long Refreshes => Interlocked.Read(ref _refreshes);

    public long RefreshFailures => Interlocked.Read(ref _refreshFailures);

    public long TokensAdded => Interlocked.Read(ref _tokensAdded);

    public long TokensRemoved => Interlocked.Read(ref _tokensRemoved);

    /// <summary>Tokens in the catalog: the desired subscription set's size.</summary>
    public long TokensActive => Interlocked.Read(ref _tokensActive);

    public long MarketsActive => Interlocked.Read(ref _marketsActive);

    /// <summary>Markets Gamma lists but discovery holds back until they are ready (the hydration window).</summary>
    public long MarketsPending => Interlocked.Read(ref _marketsPending);

    /// <summary>Held-back markets still not ready after <see cref="DiscoveryOptions.HydrationTimeout"/>.</summary>
    public long HydrationTimeouts => Interlocked.Read(ref _hydrationTimeouts);

    /// <summary><c>new_market</c> notices that did not match the selection.</summary>
    public long NoticesIgnored => Interlocked.Read(ref _noticesIgnored);

    /// <summary>Notices not queued because the queue was full; a full refresh was requested instead.</summary>
    public long NoticesDropped => Interlocked.Read(ref _noticesDropped);

    /// <summary>Copies of a notice that was still waiting to be applied (the venue sends each to every connection).</summary>
    public long NoticesCoalesced => Interlocked.Read(ref _noticesCoalesced);

    /// <summary>When the last successful refresh finished; null before the first.</summary>
    public DateTimeOffset? LastRefreshAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastRefreshTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The last refresh or lookup error, with its time; null until one happens.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void Refreshed(DateTimeOffset at)
    {
        Interlocked.Increment(ref _refreshes);
        Interlocked.Exchange(ref _lastRefreshTicks, at.UtcTicks);
    }

    internal void Failed(DateTimeOffset at, string error, bool refresh)
    {
        if (refresh)
        {
            Interlocked.Increment(ref _refreshFailures);
        }

        Volatile.Write(ref _lastError, $"{at:O} {error}");
    }

    internal void Changed(int tokensAdded, int tokensRemoved, int tokensActive, int marketsActive, int marketsPending)
    {
        Interlocked.Add(ref _tokensAdded, tokensAdded);
        Interlocked.Add(ref _tokensRemoved, tokensRemoved);
        Interlocked.Exchange(ref _tokensActive, tokensActive);
        Interlocked.Exchange(ref _marketsActive, marketsActive);
        Interlocked.Exchange(ref _marketsPending, marketsPending);
    }

    internal void HydrationTimedOut() => Interlocked.Increment(ref _hydrationTimeouts);

    internal void NoticeIgnored() => Interlocked.Increment(ref _noticesIgnored);

    internal void NoticeDropped() => Interlocked.Increment(ref _noticesDropped);

    internal void NoticeCoalesced() => Interlocked.Increment(ref _noticesCoalesced);
}
