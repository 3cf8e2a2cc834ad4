using System.Diagnostics;
using Polytape.Archive.Files;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// A fixed CPU-bound reference, timed before and after a measurement: the archive's own zstd level 1 over ~40 MB of
/// simulated market-channel frames, on one thread, best of three. This VM's speed drifts by up to 2× within minutes
/// (BENCHMARKS.md, "Recording", sixth session); the reference tells which state a figure was taken in.
/// </summary>
internal static class MachineReference
{
    private const int Frames = 60_000;
    private const int Rounds = 3;

    /// <summary>The archive file's block size, so zstd is fed as it is when recording.</summary>
    private const int WriteBytes = ArchiveFile.DefaultBlockBytes;

    /// <summary>
    /// Megabytes of input compressed per second (10^6 bytes), best of three rounds. The corpus is built each time and
    /// left to the GC, so it does not count in the RSS measured after a call.
    /// </summary>
    public static double CompressMegabytesPerSecond()
    {
        var corpus = Corpus();
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using (var zstd = new ContiguousZstdStream(Stream.Null, level: 1, feedBytes: WriteBytes))
            {
                for (var offset = 0; offset < corpus.Length; offset += WriteBytes)
                {
                    zstd.Write(corpus.AsSpan(offset, Math.Min(WriteBytes, corpus.Length - offset)));
                }
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return corpus.Length / best / 1e6;
    }

    private static byte[] Corpus()
    {
        using var lines = new MemoryStream();
        foreach (var record in SimulatedArchive.Records(Frames, markets: 200))
        {
            lines.Write(record.Payload.Span);
            lines.WriteByte((byte)'\n');
        }

        return lines.ToArray();
    }
}
