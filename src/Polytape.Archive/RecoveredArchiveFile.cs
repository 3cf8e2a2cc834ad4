namespace Polytape.Archive;

/// <summary>What crash recovery made of one <c>.open</c> file.</summary>
public sealed class RecoveredArchiveFile
{
    /// <summary>The <c>.open</c> file found at start (now removed).</summary>
    public required string OpenPath { get; init; }

    /// <summary>The sealed file holding the recovered records; null when nothing was recoverable.</summary>
    public string? SealedPath { get; init; }

    /// <summary>Compressed size of the <c>.open</c> file.</summary>
    public long OpenFileBytes { get; init; }

    public long Records { get; init; }

    public long FirstSequence { get; init; }

    public long LastSequence { get; init; }

    /// <summary>
    /// Decompressed bytes after the last complete record that were discarded. Bytes inside an unfinished deflate
    /// block cannot be decoded at all and are not counted: that is the unflushed tail a crash loses.
    /// </summary>
    public long LostBytes { get; init; }

    /// <summary>Why reading stopped (null when the file ended on a complete record).</summary>
    public string? StopReason { get; init; }
}
