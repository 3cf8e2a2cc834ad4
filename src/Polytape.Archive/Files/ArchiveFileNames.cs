using System.Globalization;

namespace Polytape.Archive.Files;

/// <summary>
/// File naming: <c>polytape-20261122T120000Z-000000000001.jsonl.gz</c> (open time, first sequence), written as
/// <c>….open</c> until sealed, with <c>….manifest.json</c> beside it. Sequence numbers are padded so that
/// <c>ls</c> order matches sequence order.
/// </summary>
internal static class ArchiveFileNames
{
    public const string Prefix = "polytape-";
    public const string Extension = ".jsonl.gz";
    public const string OpenSuffix = ".open";
    public const string ManifestSuffix = ".manifest.json";

    /// <summary>A recovery in progress; a leftover one is an interrupted copy of an <c>.open</c> file that still exists.</summary>
    public const string RecoveringSuffix = ".recovering";

    /// <summary>A manifest being written; renamed into place once complete.</summary>
    public const string TemporarySuffix = ".tmp";

    public const string SealedPattern = Prefix + "*" + Extension;
    public const string OpenPattern = SealedPattern + OpenSuffix;

    public static string SealedName(DateTimeOffset opened, long firstSequence) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix}{opened.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{firstSequence:D12}{Extension}");

    public static string ManifestPathOf(string sealedPath) => sealedPath + ManifestSuffix;

    public static bool IsOpen(string path) => path.EndsWith(Extension + OpenSuffix, StringComparison.Ordinal);

    public static string SealedPathOf(string openPath) => openPath[..^OpenSuffix.Length];

    /// <summary>The first sequence number in a sealed or open file's name, if the name is ours.</summary>
    public static bool TryParseFirstSequence(string path, out long firstSequence)
    {
        var name = Path.GetFileName(path.AsSpan());
        if (name.EndsWith(OpenSuffix, StringComparison.Ordinal))
        {
            name = name[..^OpenSuffix.Length];
        }

        firstSequence = 0;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        name = name[..^Extension.Length];
        var dash = name.LastIndexOf('-');
        return dash >= 0 && long.TryParse(name[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence);
    }

    /// <summary>Sealed and open archive files, in sequence order (by the first sequence in their names).</summary>
    public static List<string> ListDataFiles(string directory, bool includeOpen)
    {
        var files = Directory.EnumerateFiles(directory, SealedPattern).ToList();
        if (includeOpen)
        {
            files.AddRange(Directory.EnumerateFiles(directory, OpenPattern));
        }

        return OrderBySequence(files);
    }

    public static List<string> OrderBySequence(IEnumerable<string> files) =>
        files
            .Select(path => (Path: path, HasSequence: TryParseFirstSequence(path, out var first), First: first))
            .OrderBy(file => file.HasSequence ? file.First : long.MaxValue)
            .ThenBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => file.Path)
            .ToList();
}
