using System.IO.Compression;

namespace Polytape.Archive;

/// <summary>Where and how the raw archive is written. Defaults suit a long-running collector; <see cref="Validate"/> runs at open.</summary>
public sealed class ArchiveOptions
{
    /// <summary>Directory holding the archive files; created when missing.</summary>
    public string Directory { get; set; } = Path.Combine("data", "archive");

    /// <summary>A new file starts when the clock crosses a multiple of this period (UTC, aligned to midnight).</summary>
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A new file starts once the compressed file reaches about this size. zstd holds up to one 128 KB block of input
    /// until a flush, so a file may pass the limit by that much compressed.
    /// </summary>
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>Upper bound on how long a written record waits before its sync flush reaches the OS (what <c>kill -9</c> can lose).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A sync flush also happens after this many records, so a burst is not held for a whole interval.</summary>
    public int FlushEveryRecords { get; set; } = 10_000;

    /// <summary>Records waiting for the writer; when full, <c>AppendAsync</c> waits. 16k ≈ 0.5 s at 30k frames/s, ≈ 8 MB of 500-byte frames.</summary>
    public int QueueCapacity { get; set; } = 16_384;

    /// <summary>
    /// Bytes of the records waiting; when full, <c>AppendAsync</c> waits. The count alone would let 16k of the ~300 KB
    /// initial dumps a whole-universe start delivers queue up (~5 GB); 64 MiB is ~2 s of ordinary traffic at 30k frames/s.
    /// </summary>
    public long QueueCapacityBytes { get; set; } = 64L << 20;

    /// <summary>How new files are compressed; files already in the directory are read in whichever format they have.</summary>
    public ArchiveFormat Format { get; set; } = ArchiveFormat.Zstd;

    /// <summary>
    /// Fastest (zstd level 1) keeps compression to about 1.3–1.5 µs a frame (~5 % of a core at 30k frames/s); a
    /// recorded simulator archive shrank 8.8× (gzip's fastest: 3.5×). Optimal is zstd level 3, SmallestSize level 9.
    /// </summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Throws <see cref="ArgumentException"/> listing every setting that is out of range and what is allowed.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            problems.Add("Directory is empty: set the folder the archive files go to (e.g. ./data/archive).");
        }

        if (RotationPeriod < TimeSpan.FromSeconds(1) || RotationPeriod > TimeSpan.FromDays(1)
            || TimeSpan.FromDays(1).Ticks % RotationPeriod.Ticks != 0)
        {
            problems.Add($"RotationPeriod {RotationPeriod} must divide 24 hours evenly and lie between 1 second and 1 day (e.g. 01:00:00).");
        }

        if (MaxFileBytes < 4096)
        {
            problems.Add($"MaxFileBytes {MaxFileBytes} must be at least 4096.");
        }

        if (FlushInterval < TimeSpan.FromMilliseconds(10) || FlushInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"FlushInterval {FlushInterval} must lie between 10 milliseconds and 1 minute.");
        }

        if (FlushEveryRecords < 1)
        {
            problems.Add($"FlushEveryRecords {FlushEveryRecords} must be at least 1.");
        }

        if (QueueCapacity is < 1 or > 1 << 20)
        {
            problems.Add($"QueueCapacity {QueueCapacity} must lie between 1 and 1048576.");
        }

        if (QueueCapacityBytes is < 1 or > 1L << 34)
        {
            problems.Add($"QueueCapacityBytes {QueueCapacityBytes} must lie between 1 and 17179869184 (16 GiB).");
        }

        if (!Enum.IsDefined(Format))
        {
            problems.Add($"Format {Format} is not a known format (Zstd or Gzip).");
        }

        if (!Enum.IsDefined(CompressionLevel))
        {
            problems.Add($"CompressionLevel {CompressionLevel} is not a known level.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid archive options: " + string.Join(" ", problems));
        }
    }
}
