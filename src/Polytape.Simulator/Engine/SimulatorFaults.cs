using System.Collections.Immutable;

namespace Polytape.Simulator.Engine;

/// <summary>
/// Every failure the simulated venue can play, switchable while it runs (the admin endpoint sets these).
/// Values are read by the engine, the WebSocket hub and the REST endpoints on their own threads, so each
/// is a single field read; an all-default instance is a healthy venue.
/// </summary>
public sealed class SimulatorFaults
{
    // --- the feed (engine) ---

    /// <summary>Trades enter the hash before last_trade_price is announced (live behaviour, a trap for naive checks).</summary>
    public bool HashAheadOfTrade { get; set; }

    /// <summary>Chance that a price_change is sent twice (live: up to 120 repeats in 3 minutes).</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Chance that a mutation briefly crosses the book (then corrects it in the next message).</summary>
    public double CrossedBookProbability { get; set; }

    /// <summary>Chance of a truncated (malformed) frame in place of a real one; the real one follows.</summary>
    public double MalformedProbability { get; set; }

    /// <summary>Chance of an extra event with an unknown event_type.</summary>
    public double UnknownEventProbability { get; set; }

    /// <summary>Chance that a price_change carries an extra, unknown key.</summary>
    public double UnknownFieldProbability { get; set; }

    // --- connections (WebSocket hub) ---

    /// <summary>Drop every connection after this many frames (0: never).</summary>
    public int DisconnectAfterFrames { get; set; }

    /// <summary>Close code for those drops; null aborts without a close frame.</summary>
    public int? DisconnectCloseCode { get; set; }

    /// <summary>Sockets stay open and PONG is answered, but no market data is sent (py-clob-client #292).</summary>
    public bool SilentStall { get; set; }

    /// <summary>Assets whose data is never sent, though subscribed.</summary>
    public ImmutableHashSet<string> SilentAssets { get; set; } = ImmutableHashSet<string>.Empty;

    /// <summary>Data stops for assets beyond this many on one connection (the ~500 behaviour; 0: no limit).</summary>
    public int MaxDeliveredAssetsPerConnection { get; set; }

    /// <summary>A subscribe frame with more ids than this closes the connection (0: no limit).</summary>
    public int MaxIdsPerSubscribeFrame { get; set; }

    /// <summary>WebSocket handshakes per second per client above which the server answers 429 (0: no limit).</summary>
    public int HandshakesPerSecond { get; set; }

    /// <summary>A connection with no traffic either way for this long is dropped without a close frame (live ~125 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(125);

    // --- Gamma / CLOB ---

    /// <summary>New markets are listed by Gamma this long before the CLOB knows them (books 404, WS "[]").</summary>
    public TimeSpan HydrationDelay { get; set; }

    // --- REST ---

    /// <summary>Chance that a REST request fails with a 5xx.</summary>
    public double RestServerErrorProbability { get; set; }

    /// <summary>REST books are served as they were when this was switched on (a ghost book).</summary>
    public bool GhostRestBook { get; set; }

    /// <summary>Enforce the documented REST rate limits (delay, then 429).</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>Copies every setting from another instance (scenario switches).</summary>
    public void CopyFrom(SimulatorFaults other)
    {
        ArgumentNullException.ThrowIfNull(other);
        HashAheadOfTrade = other.HashAheadOfTrade;
        DuplicateProbability = other.DuplicateProbability;
        CrossedBookProbability = other.CrossedBookProbability;
        MalformedProbability = other.MalformedProbability;
        UnknownEventProbability = other.UnknownEventProbability;
        UnknownFieldProbability = other.UnknownFieldProbability;
        DisconnectAfterFrames = other.DisconnectAfterFrames;
        DisconnectCloseCode = other.DisconnectCloseCode;
        SilentStall = other.SilentStall;
        SilentAssets = other.SilentAssets;
        MaxDeliveredAssetsPerConnection = other.MaxDeliveredAssetsPerConnection;
        MaxIdsPerSubscribeFrame = other.MaxIdsPerSubscribeFrame;
        HandshakesPerSecond = other.HandshakesPerSecond;
        IdleTimeout = other.IdleTimeout;
        RestServerErrorProbability = other.RestServerErrorProbability;
        GhostRestBook = other.GhostRestBook;
        EnforceRateLimits = other.EnforceRateLimits;
        HydrationDelay = other.HydrationDelay;
    }
}
