using BenchmarkDotNet.Attributes;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Benchmarks;

/// <summary>Level updates and the full-book hash on a 50 + 50 level book (0.01 tick, realistic sizes).</summary>
[MemoryDiagnoser]
public class BookBenchmarks
{
    private const int LevelsPerSide = 50;

    private readonly OrderBook _book = new(default);
    private readonly BookHasher _hasher = new();
    private readonly byte[] _market = "0x0936baff284871821b1ab5c64d33d67f117392dba34d461fe04360df893dfde4"u8.ToArray();
    private readonly byte[] _asset = "25245433628208476987364023432306599125597948324625578977436890641930158259698"u8.ToArray();
    private readonly Price _topBid = Price.FromUnits(49 * 100);
    private readonly Price _deepBid = Price.FromUnits(25 * 100);
    private readonly Size _sizeA = Size.Parse("2287.4");
    private readonly Size _sizeB = Size.Parse("2226");
    private readonly Size _minOrderSize = Size.Parse("5");
    private readonly Price _tick = Price.Parse("0.01");
    private readonly Price _lastTradePrice = Price.Parse("0.500");
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < LevelsPerSide; i++)
        {
            _book.Set(Side.Bid, Price.FromUnits((i + 1) * 100), Size.FromUnits(random.NextInt64(1, 5_000_000_000)));
            _book.Set(Side.Ask, Price.FromUnits((i + 51) * 100), Size.FromUnits(random.NextInt64(1, 5_000_000_000)));
        }
    }

    [Benchmark(Baseline = true)]
    public LevelChange UpdateTopLevel()
    {
        _flip = !_flip;
        return _book.Set(Side.Bid, _topBid, _flip ? _sizeA : _sizeB);
    }

    [Benchmark]
    public LevelChange UpdateMidBookLevel()
    {
        _flip = !_flip;
        return _book.Set(Side.Bid, _deepBid, _flip ? _sizeA : _sizeB);
    }

    [Benchmark]
    public LevelChange InsertThenRemoveInsideSpread()
    {
        var price = Price.FromUnits(5_005);
        _book.Set(Side.Bid, price, _sizeA);
        return _book.Set(Side.Bid, price, Size.Zero);
    }

    [Benchmark]
    public BookHash HashFullBook()
    {
        var input = new BookHashInput(BookHashFormat.V4, _market, _asset, 1_766_481_546_776, _minOrderSize, _tick, false, _lastTradePrice);
        return _hasher.Compute(input, _book);
    }
}
