using BenchmarkDotNet.Attributes;
using Polytape.Archive;
using Polytape.Benchmarks.Harness;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;

namespace Polytape.Benchmarks;

/// <summary>
/// The reading side of <c>polytape load</c> per record: a 20,000-record archive chunk of the simulator's order flow
/// (gzip, one JSON envelope per line, the payload an escaped JSON string) read back, and read and normalised into
/// rows. Divide 1 s by the time for records/s; "Allocated" is per record.
/// </summary>
[MemoryDiagnoser]
public class LoadPathBenchmarks
{
    private const int Records = 20_000;

    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "polytape-loadpath-bench-" + Guid.NewGuid().ToString("N"));
        SimulatedArchive.WriteAsync(_directory, SimulatedArchive.Records(Records, markets: 200)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Each record owning its payload, as <see cref="ArchiveReader.Read(string, ArchiveRange?)"/> gives it.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long Read()
    {
        long bytes = 0;
        foreach (var record in ArchiveReader.Read(_directory))
        {
            bytes += record.Payload.Length;
        }

        return bytes;
    }

    /// <summary>As the loader reads: payload buffer reused.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long ReadReusingPayloads()
    {
        long bytes = 0;
        foreach (var record in ArchiveReader.ReadReusingPayloads(_directory))
        {
            bytes += record.Payload.Length;
        }

        return bytes;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long ReadAndNormalise()
    {
        var normaliser = new RecordNormaliser();
        var batch = new RowBatch();
        foreach (var record in ArchiveReader.ReadReusingPayloads(_directory))
        {
            normaliser.Add(record, batch);
        }

        return batch.RowCount;
    }
}
