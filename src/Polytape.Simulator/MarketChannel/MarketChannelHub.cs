using Polytape.Simulator.Engine;

namespace Polytape.Simulator.MarketChannel;

/// <summary>Routes engine frames to WebSocket sessions. (Placeholder: the real hub arrives with the market-channel server.)</summary>
public sealed class MarketChannelHub : IFrameSink
{
    public void Publish(in OutboundFrame frame)
    {
    }
}
