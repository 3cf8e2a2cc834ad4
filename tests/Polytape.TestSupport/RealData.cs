using System.IO.Compression;

namespace Polytape.TestSupport;

/// <summary>
/// Real captured Polymarket messages and REST responses (copied from shared/realdata; provenance in
/// Fixtures/realdata/SOURCES.md). They are ground truth for the parser, the book keeper and the simulator.
/// </summary>
public static class RealData
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "realdata");

    public static string PathOf(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Real-data fixture '{fileName}' is missing from {Directory}.", path);
        }

        return path;
    }

    public static byte[] ReadAllBytes(string fileName) => File.ReadAllBytes(PathOf(fileName));

    public static string ReadAllText(string fileName) => File.ReadAllText(PathOf(fileName));

    /// <summary>Lines of a gzip-compressed JSON Lines fixture.</summary>
    public static IReadOnlyList<string> ReadGzipLines(string fileName)
    {
        using var file = File.OpenRead(PathOf(fileName));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Every data file in the folder (everything but SOURCES.md).</summary>
    public static IReadOnlyList<string> AllDataFiles() =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && name != "SOURCES.md")
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
