namespace Polytape.Archive;

/// <summary>
/// What a sealed file holds, written beside it as <c>&lt;file&gt;.manifest.json</c>: enough to verify it
/// (sha256, bytes, records) and to find data without opening it (sequence and time range, counts).
/// </summary>
public sealed class ArchiveManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The sealed file's name (no directory).</summary>
    public required string FileName { get; init; }

    /// <summary>Lowercase hex SHA-256 of the sealed (compressed) file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size of the sealed file in bytes.</summary>
    public long Bytes { get; init; }

    public long Records { get; init; }

    public long FirstSequence { get; init; }

    public long LastSequence { get; init; }

    public long FirstReceivedAtMicros { get; init; }

    public long LastReceivedAtMicros { get; init; }

    /// <summary>Records per kind ("ws", "rest", …); kinds with no records are absent.</summary>
    public IReadOnlyDictionary<string, long> CountsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Records per event-type label given by the caller; records without a label are not counted here.</summary>
    public IReadOnlyDictionary<string, long> CountsByEventType { get; init; } = new Dictionary<string, long>();

    /// <summary>Records labelled <see cref="ArchiveRecord.UnknownEventType"/>: payloads the parser did not recognise.</summary>
    public long UnknownShapes { get; init; }

    /// <summary>True when the file was rebuilt from an <c>.open</c> file left by a crash.</summary>
    public bool Recovered { get; init; }
}
