using System.Collections.Immutable;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// One session's interest in one market: which of its two tokens it subscribed, and in what order (the
/// ordinal decides the MaxDeliveredAssetsPerConnection cut). The hub routes a market's frames through these,
/// so a session subscribed to both tokens still receives each Market-audience frame once.
/// Changed only under the engine's gate.
/// </summary>
internal sealed class MarketSubscription(MarketChannelSession session, SimulatedMarket market)
{
    public MarketChannelSession Session { get; } = session;

    public SimulatedMarket Market { get; } = market;

    /// <summary>Subscription order of the Yes token on its connection; -1 when not subscribed.</summary>
    public int YesOrdinal { get; private set; } = -1;

    public int NoOrdinal { get; private set; } = -1;

    public bool IsEmpty => YesOrdinal < 0 && NoOrdinal < 0;

    public void Set(SimulatedToken token, int ordinal)
    {
        if (ReferenceEquals(token, Market.Yes))
        {
            YesOrdinal = ordinal;
        }
        else
        {
            NoOrdinal = ordinal;
        }
    }

    /// <summary>Whether this session gets the frame, under the connection faults of the moment.</summary>
    public bool Wants(in OutboundFrame frame, int deliveredLimit, ImmutableHashSet<string> silent)
    {
        if (frame.RequiresCustomFeatures && !Session.CustomFeatures)
        {
            return false;
        }

        if (frame.Audience == FrameAudience.Token && frame.Token is { } token)
        {
            return Delivers(token, ReferenceEquals(token, Market.Yes) ? YesOrdinal : NoOrdinal, deliveredLimit, silent);
        }

        // Both legs travel together: silent only when every subscribed token of the market is.
        return Delivers(Market.Yes, YesOrdinal, deliveredLimit, silent) || Delivers(Market.No, NoOrdinal, deliveredLimit, silent);
    }

    /// <summary>A subscribed token gets data unless it is past the delivered-assets cut or made silent.</summary>
    public static bool Delivers(SimulatedToken token, int ordinal, int deliveredLimit, ImmutableHashSet<string> silent) =>
        ordinal >= 0
        && (deliveredLimit <= 0 || ordinal < deliveredLimit)
        && (silent.IsEmpty || !silent.Contains(token.Id));
}
