namespace Polytape.Archive;

/// <summary>
/// How archive files are compressed. Both are JSON Lines that standard tools read (<c>zstdcat</c>, <c>zcat</c>); readers
/// accept both, so a directory may hold gzip files from before a change and zstd files after it.
/// </summary>
public enum ArchiveFormat
{
    /// <summary>
    /// <c>.jsonl.zst</c>: at level 1 files 2.4× smaller than deflate's fastest level, for the same recorder CPU
    /// (BENCHMARKS.md, "Archive codec").
    /// </summary>
    Zstd,

    /// <summary><c>.jsonl.gz</c>: for tools that only read gzip; what every archive before zstd was written in.</summary>
    Gzip,
}
