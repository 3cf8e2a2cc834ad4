namespace Polytape.Archive;

/// <summary>What the writer found and repaired in its directory before writing.</summary>
public sealed class ArchiveRecoveryResult
{
    /// <summary><c>.open</c> files left by a crash, each repaired to its last complete record and sealed (or removed if empty).</summary>
    public IReadOnlyList<RecoveredArchiveFile> RecoveredFiles { get; init; } = [];

    /// <summary>Sealed files whose manifest was missing or unreadable and has been rebuilt from the file.</summary>
    public IReadOnlyList<string> RebuiltManifests { get; init; } = [];

    /// <summary>Sealed files whose records could not all be read: left untouched, reported for an operator.</summary>
    public IReadOnlyList<string> UnreadableFiles { get; init; } = [];

    /// <summary>Sealed files in the directory after recovery.</summary>
    public int SealedFiles { get; init; }

    /// <summary>The highest sequence found in the archive (0 for an empty one); writing continues after it.</summary>
    public long LastSequence { get; init; }

    public long RecoveredRecords => RecoveredFiles.Sum(file => file.Records);

    public long LostBytes => RecoveredFiles.Sum(file => file.LostBytes);
}
