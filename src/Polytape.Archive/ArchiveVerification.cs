namespace Polytape.Archive;

/// <summary>The result of checking a sealed file against its manifest.</summary>
public sealed class ArchiveVerification
{
    public required string Path { get; init; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>Each mismatch in plain words; empty when the file is what its manifest says.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string? ExpectedSha256 { get; init; }

    public string? ActualSha256 { get; init; }

    public long ExpectedRecords { get; init; }

    public long ActualRecords { get; init; }
}
