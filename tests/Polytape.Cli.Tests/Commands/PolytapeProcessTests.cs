using System.Diagnostics;
using Polytape.TestSupport;

namespace Polytape.Cli.Tests.Commands;

/// <summary>The built executable, run as a user would: exit codes and streams, not just the in-process API.</summary>
public sealed class PolytapeProcessTests
{
    [Fact]
    public async Task CheckJson_RunsAsAProcessAndPrintsOneJsonObject()
    {
        var (exit, stdout, _) = await RunAsync("check", "--json", RealData.PathOf("polypy_ws_book_2024-11.json"));

        Assert.Equal(0, exit);
        using var document = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(1, document.RootElement.GetProperty("frames").GetInt32());
    }

    [Fact]
    public async Task UnreadableInput_ExitsWithTwoAndSaysWhy()
    {
        var (exit, _, stderr) = await RunAsync("check", "/nonexistent/capture.jsonl");

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/capture.jsonl", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCheckVerb()
    {
        var (exit, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("check", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "polytape.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
