using System.Diagnostics;

namespace Polytape.Archive.Tests.Support;

/// <summary>The reference <c>zstd</c> command line tool, to prove archives are standard zstd; absent on some machines.</summary>
public static class ZstdCli
{
    private const string Path = "/usr/bin/zstd";

    public static bool IsPresent => File.Exists(Path);

    /// <summary>What <c>zstd -dc</c> decodes from <paramref name="compressed"/>; throws with zstd's message if it fails.</summary>
    public static async Task<byte[]> DecompressAsync(byte[] compressed)
    {
        var start = new ProcessStartInfo(Path, ["-dc"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("zstd did not start.");
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(compressed);
        process.StandardInput.Close();
        await reading.WaitAsync(Archives.Timeout);
        await process.WaitForExitAsync().WaitAsync(Archives.Timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidDataException($"zstd -dc failed ({process.ExitCode}): {await errors}");
        }

        return output.ToArray();
    }
}
