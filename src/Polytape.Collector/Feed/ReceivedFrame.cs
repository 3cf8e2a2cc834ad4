namespace Polytape.Collector.Feed;

/// <summary>
/// A text frame as received: its bytes live in a buffer from <see cref="FrameBuffers"/>, owned by whoever holds this
/// value. The owner calls <see cref="Release"/> exactly once, when it is done with the bytes (after archiving them).
/// </summary>
public readonly record struct ReceivedFrame(string ConnectionId, int Epoch, long ConnectionSequence, long ReceivedAtMicroseconds, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Release() => FrameBuffers.Return(Buffer);
}
