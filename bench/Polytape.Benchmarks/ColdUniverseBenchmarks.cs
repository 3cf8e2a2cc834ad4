using BenchmarkDotNet.Attributes;
using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Benchmarks;

/// <summary>
/// The ingest loop's work per frame (parse, ownership, keeper, the periodic group checks with their hashes) over a
/// universe whose per-asset state no cache holds. The simulator's engine, in process, writes the venue's frames with the
/// end-to-end run's skewed activity; they are applied as the ingest loop applies them, each from the connection that
/// carries its market (100 markets a connection), with a group check every 300 frames (10-ms checks at 30,000 frames/s).
/// 150,000 markets against 1,000 shows what cold data costs a frame, apart from sockets, the archive and the VM's
/// scheduling, which make the end-to-end figures drift.
/// </summary>
[MemoryDiagnoser]
public class ColdUniverseBenchmarks
{
    private const int FramesPerIteration = 30_000;
    private const int CheckEvery = 300;
    private const int MarketsPerConnection = 100;

    private readonly MarketFrameParser _parser = new();
    private readonly CollectingFrameSink _sink = new();
    private readonly Dictionary<SimulatedMarket, string> _connectionOf = [];
    private readonly List<(byte[] Payload, string Connection)> _batch = [];
    private ManualTimeProvider _time = null!;
    private MarketEngine _engine = null!;
    private BookKeeper _keeper = null!;
    private IngestHandler _handler = null!;

    [Params(1_000, 150_000)]
    public int Markets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000));
        _engine = new MarketEngine(new UniverseOptions { BinaryMarkets = Markets }, new EngineOptions(), _sink, _time);
        _keeper = new BookKeeper(new BookKeeperOptions());
        _handler = new IngestHandler(_keeper, new AssetOwnership(_keeper));
        var markets = _engine.Universe.Markets;
        for (var first = 0; first < markets.Count; first += MarketsPerConnection)
        {
            var group = markets.Skip(first).Take(MarketsPerConnection).ToList();
            var connection = $"conn-{first / MarketsPerConnection}";
            foreach (var market in group)
            {
                // As discovery does before the snapshots: the hash covers facts a WS book does not carry.
                _connectionOf[market] = connection;
                var metadata = new AssetMetadata(market.MinOrderSize, market.TickSize, market.NegRisk);
                _keeper.SetMetadata(market.Yes.IdUtf8, metadata);
                _keeper.SetMetadata(market.No.IdUtf8, metadata);
            }

            Apply(_engine.InitialDump(group.SelectMany(market => new[] { market.Yes, market.No })), connection);
        }

        Console.WriteLine($"// {markets.Count:N0} markets, {_keeper.Assets.Count:N0} assets, {_keeper.Totals.AssetsIn(ContinuityState.Live):N0} live");
    }

    /// <summary>The next frames, produced outside the measurement (which also evicts the recorder's state, as the venue's traffic does).</summary>
    [IterationSetup]
    public void Produce()
    {
        _batch.RemoveRange(0, Math.Min(FramesPerIteration, _batch.Count));
        while (_batch.Count < FramesPerIteration)
        {
            _time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / FramesPerIteration));
            _engine.Step(1);
            foreach (var frame in _sink.Take())
            {
                _batch.Add((frame.Payload, _connectionOf[frame.Market]));
            }
        }
    }

    [Benchmark(OperationsPerInvoke = FramesPerIteration)]
    [InvocationCount(1)]
    public int ApplyFrames()
    {
        var events = 0;
        for (var i = 0; i < FramesPerIteration; i++)
        {
            var (payload, connection) = _batch[i];
            events += Apply(payload, connection);
            if (i % CheckEvery == CheckEvery - 1)
            {
                _keeper.CheckSettledGroups();
            }
        }

        return events;
    }

    /// <summary>Proves the run applied the venue's books exactly: every check held.</summary>
    [GlobalCleanup]
    public void Report()
    {
        _keeper.Flush();
        var totals = _keeper.Totals;
        Console.WriteLine(
            $"// mismatches: best bid/ask {totals.BboMismatches:N0}, hash {totals.HashMismatches:N0} ({totals.HashMismatchesExplained:N0} explained), " +
            $"snapshot {totals.SnapshotMismatches:N0}, snapshot hash {totals.SnapshotHashMismatches:N0}, crossed {totals.CrossedBooks:N0}; " +
            $"live {totals.AssetsIn(ContinuityState.Live):N0}, suspect {totals.AssetsIn(ContinuityState.Suspect):N0}");
    }

    private int Apply(byte[] payload, string connection)
    {
        _handler.Begin(connection, 1, payload, payload.Length);
        return _parser.Parse(payload, _handler).EventCount;
    }
}
