using System.Globalization;

namespace Polytape.Archive.Files;

/// <summary>
/// File naming: <c>polytape-20261122T120000Z-000000000001.jsonl.zst</c> (open time, first sequence; <c>.jsonl.gz</c>
/// for gzip), written as <c>….open</c> until sealed, with <c>….manifest.json</c> beside it. Sequence numbers are padded
/// so that <c>ls</c> order matches sequence order. The extension says how a file is compressed.
/// </summary>
internal static class ArchiveFileNames
{
    public const string Prefix = "polytape-";
    public const string ZstdExtension = ".jsonl.zst";
    public const string GzipExtension = ".jsonl.gz";
    public const string OpenSuffix = ".open";
    public const string ManifestSuffix = ".manifest.json";

    /// <summary>A recovery in progress; a leftover one is an interrupted copy of an <c>.open</c> file that still exists.</summary>
    public const string RecoveringSuffix = ".recovering";

    /// <summary>A manifest being written; renamed into place once complete.</summary>
    public const string TemporarySuffix = ".tmp";

    private static readonly string[] Extensions = [ZstdExtension, GzipExtension];

    public static string ExtensionOf(ArchiveFormat format) => format == ArchiveFormat.Gzip ? GzipExtension : ZstdExtension;

    public static string SealedName(DateTimeOffset opened, long firstSequence, ArchiveFormat format) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix}{opened.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{firstSequence:D12}{ExtensionOf(format)}");

    public static string ManifestPathOf(string sealedPath) => sealedPath + ManifestSuffix;

    public static bool IsOpen(string path) =>
        path.EndsWith(ZstdExtension + OpenSuffix, StringComparison.Ordinal) || path.EndsWith(GzipExtension + OpenSuffix, StringComparison.Ordinal);

    /// <summary>How a data file is compressed, from its name (sealed, <c>.open</c> or <c>.recovering</c>); unknown names read as zstd.</summary>
    public static ArchiveFormat FormatOf(string path)
    {
        var name = StripSuffix(Path.GetFileName(path.AsSpan()));
        return name.EndsWith(GzipExtension, StringComparison.Ordinal) ? ArchiveFormat.Gzip : ArchiveFormat.Zstd;
    }

    /// <summary>Our data files in <paramref name="directory"/> whose names end in an extension followed by <paramref name="suffix"/>.</summary>
    public static IEnumerable<string> Enumerate(string directory, string suffix = "") =>
        Extensions.SelectMany(extension => Directory.EnumerateFiles(directory, Prefix + "*" + extension + suffix));

    public static string SealedPathOf(string openPath) => openPath[..^OpenSuffix.Length];

    /// <summary>The first sequence number in a sealed or open file's name, if the name is ours.</summary>
    public static bool TryParseFirstSequence(string path, out long firstSequence)
    {
        var name = StripSuffix(Path.GetFileName(path.AsSpan()));
        firstSequence = 0;
        var extension = name.EndsWith(GzipExtension, StringComparison.Ordinal) ? GzipExtension : ZstdExtension;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(extension, StringComparison.Ordinal))
        {
            return false;
        }

        name = name[..^extension.Length];
        var dash = name.LastIndexOf('-');
        return dash >= 0 && long.TryParse(name[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence);
    }

    /// <summary>Sealed and open archive files, in sequence order (by the first sequence in their names).</summary>
    public static List<string> ListDataFiles(string directory, bool includeOpen)
    {
        var files = Enumerate(directory).ToList();
        if (includeOpen)
        {
            files.AddRange(Enumerate(directory, OpenSuffix));
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

    private static ReadOnlySpan<char> StripSuffix(ReadOnlySpan<char> name) =>
        name.EndsWith(OpenSuffix, StringComparison.Ordinal) ? name[..^OpenSuffix.Length]
        : name.EndsWith(RecoveringSuffix, StringComparison.Ordinal) ? name[..^RecoveringSuffix.Length]
        : name;
}
