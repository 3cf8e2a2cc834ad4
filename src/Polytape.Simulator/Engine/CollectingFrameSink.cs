namespace Polytape.Simulator.Engine;

/// <summary>Keeps every frame the engine publishes, in order: the engine run in process (tests, benchmarks) without the WebSocket hub.</summary>
public sealed class CollectingFrameSink : IFrameSink
{
    private readonly List<OutboundFrame> _frames = [];

    public IReadOnlyList<OutboundFrame> Frames => _frames;

    public void Publish(in OutboundFrame frame) => _frames.Add(frame);

    /// <summary>The frames kept so far, which the sink then forgets.</summary>
    public OutboundFrame[] Take()
    {
        var frames = _frames.ToArray();
        _frames.Clear();
        return frames;
    }
}
