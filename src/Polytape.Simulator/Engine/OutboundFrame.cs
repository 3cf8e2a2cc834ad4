using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Engine;

/// <summary>A frame the engine produced, encoded once and shared by every session that receives it.</summary>
public readonly record struct OutboundFrame(
    byte[] Payload,
    MarketEventType Type,
    FrameAudience Audience,
    SimulatedMarket Market,
    SimulatedToken? Token,
    bool RequiresCustomFeatures);
