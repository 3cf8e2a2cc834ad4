using System.Buffers;

namespace Polytape.Collector.Feed;

/// <summary>
/// Where received frames' buffers come from and go back to. Frames are rented on the socket threads and returned by
/// the ingest loop; the shared pool keeps a few dozen arrays per size and core, so whenever more frames than that
/// were in flight (any backlog at 30k frames/s) each rent allocated. This pool keeps thousands of the small sizes
/// ordinary frames need; larger frames (initial dumps, up to a few hundred KB) are allocated and left to the GC.
/// </summary>
public static class FrameBuffers
{
    private const int MaxPooledBytes = 16 * 1024;
    private const int ArraysPerSize = 4_096;

    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledBytes, ArraysPerSize);

    /// <summary>A buffer of at least <paramref name="length"/> bytes (never an empty array).</summary>
    public static byte[] Rent(int length) => Pool.Rent(Math.Max(length, 1));

    public static void Return(byte[] buffer) => Pool.Return(buffer);
}
