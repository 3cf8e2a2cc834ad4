using Polytape.Archive.Files;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests.Support;

/// <summary>Opens writers for tests: a manual clock, timers that never fire unless the test advances it.</summary>
public static class Archives
{
    /// <summary>Long enough for a slow CI machine, short enough to fail a hung test quickly.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static ArchiveOptions Options(string directory, Action<ArchiveOptions>? configure = null)
    {
        var options = new ArchiveOptions { Directory = directory, FlushEveryRecords = 100_000, FlushInterval = TimeSpan.FromSeconds(1) };
        configure?.Invoke(options);
        return options;
    }

    public static Task<ArchiveWriter> OpenAsync(
        string directory,
        ManualTimeProvider? time = null,
        Action<ArchiveOptions>? configure = null,
        Func<string, Stream>? createStream = null) =>
        ArchiveWriter.OpenAsync(
            Options(directory, configure), time ?? new ManualTimeProvider(), logger: null,
            createStream ?? ArchiveStreams.CreateFile, CancellationToken.None);

    public static async Task AppendAllAsync(ArchiveWriter writer, IEnumerable<ArchiveRecord> records)
    {
        foreach (var record in records)
        {
            await writer.AppendAsync(record);
        }
    }
}
