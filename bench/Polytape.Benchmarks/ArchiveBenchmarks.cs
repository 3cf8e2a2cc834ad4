using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Polytape.Archive;

namespace Polytape.Benchmarks;

/// <summary>
/// Raw-archive append throughput: real-shaped ~600-byte price_change frames (fresh hashes, sizes and timestamps, so
/// the compressor sees realistic entropy) through <see cref="ArchiveWriter"/> into a temp directory, flushed at the end of each
/// invocation so the figure is sustained writing, not queueing. Per-record time: divide 1 s by it for records/s.
/// </summary>
[MemoryDiagnoser]
public class ArchiveBenchmarks
{
    private const int RecordsPerInvoke = 10_000;

    /// <summary>A power of two, many more than the compressor's 32 KB window holds.</summary>
    private const int DistinctFrames = 4096;

    private byte[][] _frames = [];
    private string _directory = "";
    private ArchiveWriter? _writer;

    [Params(ArchiveFormat.Zstd, ArchiveFormat.Gzip)]
    public ArchiveFormat Format { get; set; }

    [Params(CompressionLevel.Fastest, CompressionLevel.Optimal)]
    public CompressionLevel Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var template = Encoding.UTF8.GetString(FrameCorpus.PriceChange);
        var random = new Random(42);
        _frames = Enumerable.Range(0, DistinctFrames).Select(i => Encoding.UTF8.GetBytes(template
            .Replace("bad813f84a3e7be740b95924fed984639e6798bc", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), StringComparison.Ordinal)
            .Replace("eef80d141ea160c72c8644fd33c4e7cac54728fb", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), StringComparison.Ordinal)
            .Replace("\"size\":\"55\"", $"\"size\":\"{random.Next(1, 100_000)}.{random.Next(0, 100)}\"", StringComparison.Ordinal)
            .Replace("1766481546776", (1766481546776L + i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))
            .ToArray();
        _directory = Path.Combine(Path.GetTempPath(), "polytape-archive-bench-" + Guid.NewGuid().ToString("N"));
        _writer = ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = _directory, Format = Format, CompressionLevel = Level }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"// archive: {_writer.RecordsWritten} records, {_writer.BytesWritten} compressed bytes, "
            + $"{_frames.Average(f => f.Length):F0} payload bytes per frame");
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public async Task AppendPriceChange()
    {
        var writer = _writer!;
        for (var i = 0; i < RecordsPerInvoke; i++)
        {
            await writer.AppendAsync(new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Ws,
                Connection = "c017",
                Epoch = 1,
                ConnectionSequence = i,
                ReceivedAtMicros = 1_790_000_000_000_000 + i,
                EventType = "price_change",
                Payload = _frames[i & (DistinctFrames - 1)],
            });
        }

        await writer.FlushAsync();
    }
}
