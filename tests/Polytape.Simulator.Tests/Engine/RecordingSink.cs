using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Tests.Engine;

/// <summary>Keeps every frame the engine publishes, in order.</summary>
internal sealed class RecordingSink : IFrameSink
{
    public List<OutboundFrame> Frames { get; } = [];

    public void Publish(in OutboundFrame frame) => Frames.Add(frame);
}
