using BenchmarkDotNet.Attributes;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Benchmarks;

/// <summary>Frame parsing alone (UTF-8 bytes → wire views), per message.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly MarketFrameParser _parser = new();
    private readonly MarketFrameParser _generalOnly = new(fastPath: false);
    private readonly NullHandler _handler = new();

    [Benchmark(Baseline = true)]
    public FrameParseResult PriceChangeTwoEntries() => _parser.Parse(FrameCorpus.PriceChange, _handler);

    /// <summary>The same frame through Utf8JsonReader only: what the fast path saves.</summary>
    [Benchmark]
    public FrameParseResult PriceChangeTwoEntriesGeneralReader() => _generalOnly.Parse(FrameCorpus.PriceChange, _handler);

    [Benchmark]
    public FrameParseResult LastTradePrice() => _parser.Parse(FrameCorpus.LastTradePrice, _handler);

    [Benchmark]
    public FrameParseResult PostTradeBook() => _parser.Parse(FrameCorpus.PostTradeBook, _handler);

    [Benchmark]
    public FrameParseResult InitialDumpTwoBooks() => _parser.Parse(FrameCorpus.InitialDump, _handler);

    [Benchmark]
    public FrameParseResult DeepBook162Levels() => _parser.Parse(FrameCorpus.DeepBook, _handler);

    [Benchmark]
    public FrameParseResult Pong() => _parser.Parse("PONG"u8, _handler);
}
