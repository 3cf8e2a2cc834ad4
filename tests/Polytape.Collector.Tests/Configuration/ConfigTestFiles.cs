namespace Polytape.Collector.Tests.Configuration;

/// <summary>A scratch directory for configuration files, removed afterwards; and the repository root.</summary>
internal sealed class ConfigTestFiles : IDisposable
{
    public ConfigTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "polytape-config-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>The checkout this test runs from (the folder holding Polytape.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Polytape.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Polytape.slnx above {AppContext.BaseDirectory}.");
    }
}
