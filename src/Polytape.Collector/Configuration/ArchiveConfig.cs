using System.IO.Compression;
using Polytape.Archive;

namespace Polytape.Collector.Configuration;

/// <summary>The raw archive: every frame and REST body, zstd (or gzip) JSON Lines, rotated and sealed with manifests.</summary>
public sealed class ArchiveConfig
{
    public string Directory { get; set; } = "./data/archive";

    public TimeSpan Rotation { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest a received frame waits before it reaches the OS (what <c>kill -9</c> can lose).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How new files are compressed; files of either format already in the directory stay readable.</summary>
    public ArchiveFormat Format { get; set; } = ArchiveFormat.Zstd;

    public ArchiveCompression Compression { get; set; } = ArchiveCompression.Fastest;

    /// <summary>The archive writer's options, starting from its own defaults for what is not configurable here.</summary>
    public ArchiveOptions ToArchiveOptions() => new()
    {
        Directory = Directory,
        RotationPeriod = Rotation,
        FlushInterval = FlushInterval,
        Format = Format,
        CompressionLevel = Compression switch
        {
            ArchiveCompression.Optimal => CompressionLevel.Optimal,
            ArchiveCompression.Smallest => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Fastest,
        },
    };
}

/// <summary>Compression levels (zstd 1, 3, 9; gzip fastest, 6, 9): fastest keeps compression to about 5 % of a core at 30k frames/s.</summary>
public enum ArchiveCompression
{
    Fastest,
    Optimal,
    Smallest,
}
