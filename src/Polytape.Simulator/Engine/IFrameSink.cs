namespace Polytape.Simulator.Engine;

/// <summary>Receives the engine's frames in order, on the engine's thread (the WebSocket hub, or a test recorder).</summary>
public interface IFrameSink
{
    void Publish(in OutboundFrame frame);
}
