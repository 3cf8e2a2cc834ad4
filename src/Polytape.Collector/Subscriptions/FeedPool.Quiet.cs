namespace Polytape.Collector.Subscriptions;

/// <summary>
/// Quiet backoff: tells quiet assets from a frozen feed (§8.1). A fresh session (a replacement or a reconnect after
/// a stale end) that delivers its snapshots proves the socket and the subscription work; if it then stays silent for
/// its allowance, its assets are quiet, so the allowance doubles (capped at
/// <see cref="FeedPoolOptions.QuietConnectionMaxSilence"/>) instead of churning handshakes every
/// <see cref="FeedPoolOptions.SuspectConnectionSilence"/>. Data after the opening burst resets it.
/// </summary>
public sealed partial class FeedPool
{
    /// <summary>Data this soon after a session starts is its snapshots, not proof that the assets trade.</summary>
    internal static readonly TimeSpan OpeningBurst = TimeSpan.FromSeconds(5);

    /// <summary>How long this connection may be silent while others deliver before it is replaced.</summary>
    private TimeSpan SilenceAllowance(PooledConnection connection)
    {
        var allowance = _options.SuspectConnectionSilence;
        var cap = QuietCap;
        for (var i = 0; i < connection.QuietLevel && allowance < cap; i++)
        {
            allowance += allowance;
        }

        return allowance < cap ? allowance : cap;
    }

    /// <summary>A cap at or below the suspect silence turns the backoff off.</summary>
    private TimeSpan QuietCap => TimeSpan.FromTicks(Math.Max(_options.QuietConnectionMaxSilence.Ticks, _options.SuspectConnectionSilence.Ticks));

    /// <summary>Sets the level and moves the connection's own stale timeout with it, keeping it behind the pool's allowance. Caller holds the gate.</summary>
    private void SetQuietLevel(PooledConnection connection, int level)
    {
        connection.QuietLevel = level;
        connection.Feed.StaleAfter = SilenceAllowance(connection) + (_options.Feed.StaleAfter - _options.SuspectConnectionSilence);
    }

    /// <summary>The proof just came in: one more doubling, unless the allowance is already at its cap. Caller holds the gate.</summary>
    private void BackOffQuiet(PooledConnection connection)
    {
        if (SilenceAllowance(connection) < QuietCap)
        {
            SetQuietLevel(connection, connection.QuietLevel + 1);
        }

        _quietBackoffs++;
        var allowance = SilenceAllowance(connection);
        Log.PoolQuietConnection(_logger, connection.Id, allowance);
    }

    /// <summary>The current session delivered (its snapshots) but nothing after its opening burst. Caller holds the gate.</summary>
    private static bool OnlyOpeningData(PooledConnection connection) =>
        connection.DeliveredThisSession && connection.Feed.LastDataAt <= connection.SessionStartedAt + OpeningBurst;

    /// <summary>Data after the opening burst: the assets trade, so the next silence is suspect again at the base allowance. Caller holds the gate.</summary>
    private void ResetQuietConnections()
    {
        foreach (var connection in _order)
        {
            if ((connection.Probing || connection.QuietLevel > 0) && connection.InSession
                && connection.Feed.LastDataAt > connection.SessionStartedAt + OpeningBurst)
            {
                connection.Probing = false;
                if (connection.QuietLevel > 0)
                {
                    SetQuietLevel(connection, 0);
                }
            }
        }
    }
}
