using System.Diagnostics;
using System.Text.Json;
using Polytape.Archive;

namespace Polytape.Cli.Tests.Commands;

/// <summary>
/// <c>polytape record --simulate</c> as a real process: SIGTERM drains and seals; <c>kill -9</c> loses at most the
/// unflushed tail, and the next start repairs the open file so every archive file reads back.
/// </summary>
public sealed class RecordProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("polytape-record-").FullName;

    private string ArchiveDirectory => Path.Combine(_directory, "archive");

    private string StatusFile => Path.Combine(_directory, "status.json");

    [Fact]
    public async Task Sigterm_stops_reading_drains_and_seals_every_file()
    {
        using var process = StartRecorder();
        await WaitForStatusAsync(process, status => LastSequence(status) >= 200);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);

        var files = ArchiveReader.ListFiles(ArchiveDirectory);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.EndsWith(".open", StringComparison.Ordinal), $"{f} was left open"));
        foreach (var file in files)
        {
            var verification = await ArchiveReader.VerifyAsync(file);
            Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        }

        var records = ArchiveReader.Read(files).ToList();
        Assert.True(records.Count >= 200, $"only {records.Count} records");
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Kill_9_loses_at_most_the_unflushed_tail_and_the_next_start_repairs_it()
    {
        using var process = StartRecorder();

        // A status taken now names a sequence; once a later status is more than two flush intervals newer, every record up
        // to that sequence has been flushed to the OS, so kill -9 cannot take it.
        var early = await WaitForStatusAsync(process, status => LastSequence(status) >= 200);
        var earlyAt = GeneratedAt(early);
        await WaitForStatusAsync(process, status => GeneratedAt(status) > earlyAt.AddSeconds(2.5));
        process.Kill();
        await process.WaitForExitAsync();

        Assert.Contains(Directory.GetFiles(ArchiveDirectory), f => f.EndsWith(".open", StringComparison.Ordinal));
        await using (var writer = await ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = ArchiveDirectory }))
        {
            Assert.True(writer.Recovery.LastSequence >= LastSequence(early), $"recovered through {writer.Recovery.LastSequence}, flushed through at least {LastSequence(early)}");
        }

        var files = ArchiveReader.ListFiles(ArchiveDirectory);
        Assert.All(files, f => Assert.False(f.EndsWith(".open", StringComparison.Ordinal), $"{f} was not repaired"));
        foreach (var file in files)
        {
            var verification = await ArchiveReader.VerifyAsync(file);
            Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        }

        var records = ArchiveReader.Read(files).ToList();
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private Process StartRecorder()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "polytape.dll"), "record", "--simulate", "--sim-rate", "400",
            "--archive", ArchiveDirectory, "--listen", "off",
            "--set", $"observability.status_file={StatusFile}", "--set", "observability.status_interval=100ms",
            "--set", "storage.sqlite.enabled=false",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Reads the recorder's status file (rewritten atomically every 100 ms) until the condition holds.</summary>
    private async Task<JsonElement> WaitForStatusAsync(Process process, Func<JsonElement, bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (60 * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            Assert.False(process.HasExited, $"the recorder exited with {(process.HasExited ? process.ExitCode : 0)}");
            if (File.Exists(StatusFile))
            {
                using var document = JsonDocument.Parse(await File.ReadAllTextAsync(StatusFile));
                if (condition(document.RootElement))
                {
                    return document.RootElement.Clone();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        throw new TimeoutException("the recorder's status never met the condition");
    }

    private static long LastSequence(JsonElement status) =>
        status.GetProperty("archive").GetProperty("last_sequence") is { ValueKind: JsonValueKind.Number } sequence ? sequence.GetInt64() : 0;

    private static DateTimeOffset GeneratedAt(JsonElement status) => status.GetProperty("generated_at").GetDateTimeOffset();
}
