using System.IO.Compression;
using Polytape.Archive;

namespace Polytape.Collector.Configuration;

/// <summary>The raw archive: every frame and REST body, gzip JSON Lines, rotated and sealed with manifests.</summary>
public sealed class ArchiveConfig
{
    public string Directory { get; set; } = "./data/archive";

    public TimeSpan Rotation { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest a received frame waits before it reaches the OS (what <c>kill -9</c> can lose).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    public ArchiveCompression Compression { get; set; } = ArchiveCompression.Fastest;

    /// <summary>The archive writer's options, starting from its own defaults for what is not configurable here.</summary>
    public ArchiveOptions ToArchiveOptions() => new()
    {
        Directory = Directory,
        RotationPeriod = Rotation,
        FlushInterval = FlushInterval,
        CompressionLevel = Compression switch
        {
            ArchiveCompression.Optimal => CompressionLevel.Optimal,
            ArchiveCompression.Smallest => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Fastest,
        },
    };
}

/// <summary>gzip levels: fastest keeps compression well under a tenth of a core at 30k frames/s.</summary>
public enum ArchiveCompression
{
    Fastest,
    Optimal,
    Smallest,
}
