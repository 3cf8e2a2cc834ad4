namespace Polytape.Simulator.MarketChannel;

/// <summary>The market channel's non-JSON text frames (protocol §2.6), shared by every session.</summary>
internal static class ControlFrames
{
    public static byte[] Pong { get; } = "PONG"u8.ToArray();

    public static byte[] InvalidOperation { get; } = "INVALID OPERATION"u8.ToArray();

    public static byte[] NoNewAssets { get; } = "NO NEW ASSETS"u8.ToArray();

    public static ReadOnlySpan<byte> Ping => "PING"u8;
}
