namespace Polytape.Archive.Tests.Support;

/// <summary>A fresh directory per test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "polytape-archive-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Sealed data files of either format.</summary>
    public string[] Sealed() =>
        Directory.GetFiles(Path, "polytape-*.jsonl.*")
            .Where(path => path.EndsWith(".zst", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public string[] Open() => Directory.GetFiles(Path, "*.open").Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
