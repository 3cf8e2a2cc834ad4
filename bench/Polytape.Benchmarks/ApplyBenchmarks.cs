using BenchmarkDotNet.Attributes;
using Polytape.Collector.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Benchmarks;

/// <summary>
/// Parse + apply of a two-entry price_change to Live books, as the collector does per message. Two
/// messages alternate (different size and timestamp), so each closes the previous group and its check
/// runs: best bid/ask only, or best bid/ask and the full book hash of both legs.
/// </summary>
[MemoryDiagnoser]
public class ApplyBenchmarks
{
    private readonly MarketFrameParser _parser = new();
    private BookKeeper _bboOnly = null!;
    private BookKeeper _withHashes = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _bboOnly = Prepare(new BookKeeperOptions { VerifyHashes = false });
        _withHashes = Prepare(new BookKeeperOptions());
    }

    [Benchmark(Baseline = true)]
    public FrameParseResult ParseApplyCheckBestBidAsk() => _parser.Parse(Next(), _bboOnly);

    [Benchmark]
    public FrameParseResult ParseApplyCheckBestBidAskAndHash() => _parser.Parse(Next(), _withHashes);

    private byte[] Next()
    {
        _flip = !_flip;
        return _flip ? FrameCorpus.PriceChange : FrameCorpus.PriceChangeAlternate;
    }

    private BookKeeper Prepare(BookKeeperOptions options)
    {
        var keeper = new BookKeeper(options);
        _parser.Parse(FrameCorpus.InitialDump, keeper);
        return keeper;
    }
}
