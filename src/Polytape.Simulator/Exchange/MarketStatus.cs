namespace Polytape.Simulator.Exchange;

/// <summary>Where a simulated market is in its life.</summary>
public enum MarketStatus : byte
{
    /// <summary>Listed by Gamma but not yet known to the CLOB (the hydration window): no book, REST 404.</summary>
    Hydrating = 0,

    /// <summary>Trading: books change, WS and REST serve it.</summary>
    Active = 1,

    /// <summary>Past its end: the book was emptied; market_resolved has not been sent yet.</summary>
    Ended = 2,

    /// <summary>Resolved: market_resolved sent, books removed (REST 404, WS "[]").</summary>
    Resolved = 3,
}
