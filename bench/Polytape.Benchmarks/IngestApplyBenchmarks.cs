using BenchmarkDotNet.Attributes;
using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Benchmarks;

/// <summary>
/// What the recorder does per received frame: parse, ownership check (<see cref="IngestHandler"/>), apply to the
/// keeper, and the checks when a group closes (best bid/ask and the full book hash). Two frames alternate (another
/// size and timestamp), so every frame closes the previous group of each asset it touches. Books are the real
/// Dec-2025 ones (~50 levels a side).
/// </summary>
[MemoryDiagnoser]
public class IngestApplyBenchmarks
{
    private const string Connection = "conn-1";

    private readonly MarketFrameParser _parser = new();
    private BookKeeper _keeper = null!;
    private IngestHandler _handler = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _keeper = new BookKeeper(new BookKeeperOptions());
        _handler = new IngestHandler(_keeper, new AssetOwnership(_keeper));
        Ingest(FrameCorpus.InitialDump);
    }

    /// <summary>Two entries (both legs of a market), each closing the leg's previous group: two hashes.</summary>
    [Benchmark(Baseline = true)]
    public FrameParseResult PriceChangeTwoEntries()
    {
        _flip = !_flip;
        return Ingest(_flip ? FrameCorpus.PriceChange : FrameCorpus.PriceChangeAlternate);
    }

    /// <summary>One entry, closing that asset's previous group: one hash.</summary>
    [Benchmark]
    public FrameParseResult PriceChangeOneEntry()
    {
        _flip = !_flip;
        return Ingest(_flip ? FrameCorpus.PriceChangeOneEntry : FrameCorpus.PriceChangeOneEntryAlternate);
    }

    /// <summary>A book snapshot (~50 + 50 levels) replacing the same book: compare, replace, hash.</summary>
    [Benchmark]
    public FrameParseResult BookSnapshot() => Ingest(FrameCorpus.PostTradeBook);

    private FrameParseResult Ingest(byte[] frame)
    {
        _handler.Begin(Connection, 1, frame, frame.Length);
        return _parser.Parse(frame, _handler);
    }
}
