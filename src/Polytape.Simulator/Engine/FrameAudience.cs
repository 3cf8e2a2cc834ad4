namespace Polytape.Simulator.Engine;

/// <summary>Who receives a frame on the market channel.</summary>
public enum FrameAudience : byte
{
    /// <summary>Sessions subscribed to this token (book, tick_size_change, best_bid_ask).</summary>
    Token = 0,

    /// <summary>Sessions subscribed to either token of the market (price_change carries both legs; trades; market_resolved).</summary>
    Market = 1,

    /// <summary>Every session with custom features on (new_market is broadcast).</summary>
    Everyone = 2,
}
