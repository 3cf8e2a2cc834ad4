using Polytape.Collector.Books;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Engine;

/// <summary>
/// Everything the engine emits must parse and verify through the project's own book keeper with zero
/// mismatches, and the books a client rebuilds must equal the engine's true books.
/// </summary>
public sealed class MarketEngineFidelityTests
{
    private static readonly UniverseOptions SmallUniverse = new()
    {
        Seed = 7,
        BinaryMarkets = 6,
        NegRiskEvents = 1,
        RollingCoins = ["btc"],
        Recurrences = [RollingRecurrence.FiveMinutes],
    };

    [Fact]
    public void HealthyFeed_VerifiesWithZeroMismatches_AndRebuildsTheTrueBooks()
    {
        var (engine, sink, clock) = Create(SmallUniverse);
        var (parser, keeper, tokens) = Client(engine);

        for (var i = 0; i < 20_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(3));
            engine.Step(1);
        }

        // Drive one market past 0.96 (tick → 0.001) and back to the middle (tick → 0.01).
        var driven = engine.Universe.Markets[0];
        foreach (var (fair, steps) in new[] { ("0.985", 3_000), ("0.5", 3_000) })
        {
            for (var i = 0; i < steps; i++)
            {
                engine.SetFairValue(driven, Domain.Numerics.Price.Parse(fair));
                clock.Advance(TimeSpan.FromMilliseconds(3));
                engine.Mutate(driven);
            }
        }

        foreach (var frame in sink.Frames)
        {
            Assert.Equal(FrameKind.Events, parser.Parse(frame.Payload, keeper).Kind);
        }

        keeper.Flush();
        var active = tokens.Where(t => t.Market.Status == MarketStatus.Active).ToList();
        Assert.NotEmpty(active);
        foreach (var token in active)
        {
            Assert.True(keeper.TryGetAsset(token.Id, out var asset));
            var c = asset.Counters;
            Assert.True(c.HashMismatches == 0, $"{token.Id}: {c.HashMismatches} hash mismatches of {c.HashChecks}");
            Assert.Equal(0, c.BboMismatches);
            Assert.Equal(0, c.SnapshotMismatches);
            Assert.Equal(0, c.SnapshotHashMismatches);
            Assert.Equal(ContinuityState.Live, asset.State);
            Assert.True(asset.Book.HasSameLevels(token.Book.Bids.WireOrder, token.Book.Asks.WireOrder), $"{token.Id}: rebuilt book differs");
        }

        Assert.True(keeper.Assets.Sum(a => a.Counters.HashChecks) > 10_000);
        Assert.True(keeper.Assets.Sum(a => a.Counters.Trades) > 100);
        Assert.True(keeper.TryGetAsset(driven.Yes.Id, out var drivenAsset));
        Assert.True(drivenAsset.Counters.TickSizeChanges >= 2, $"{drivenAsset.Counters.TickSizeChanges} tick size changes");
        Assert.Equal(0, parser.Statistics.Drift.UnknownFields + parser.Statistics.Drift.UnknownEventTypes);
    }

    [Fact]
    public void FeedFaults_AreDetectedAndCounted_WithoutCorruptingAnyBook()
    {
        var faults = new SimulatorFaults
        {
            MalformedProbability = 0.02,
            UnknownEventProbability = 0.02,
            UnknownFieldProbability = 0.02,
            DuplicateProbability = 0.05,
            CrossedBookProbability = 0.02,
            HashAheadOfTrade = true,
        };
        var (engine, sink, clock) = Create(SmallUniverse, faults);
        var (parser, keeper, tokens) = Client(engine);

        for (var i = 0; i < 10_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(3));
            engine.Step(1);
        }

        foreach (var frame in sink.Frames)
        {
            parser.Parse(frame.Payload, keeper);
        }

        keeper.Flush();
        var stats = parser.Statistics;
        Assert.True(stats.FramesOf(FrameKind.Malformed) > 10);
        Assert.True(stats.Drift.EventTypeCounts().GetValueOrDefault("sim_unknown_event") > 10);
        Assert.True(stats.Drift.FieldCounts().GetValueOrDefault("price_change.sim_extra_field") > 10);
        var assets = tokens.Where(t => t.Market.Status == MarketStatus.Active).Select(t => (Token: t, Asset: Asset(keeper, t))).ToList();
        Assert.True(assets.Sum(a => a.Asset.Counters.CrossedBooks) > 10, "crossed books must be detected");
        foreach (var (token, asset) in assets)
        {
            // Duplicates, late trade announcements and truncated copies must not produce a single false alarm.
            Assert.Equal(0, asset.Counters.HashMismatches);
            Assert.Equal(0, asset.Counters.BboMismatches);
            Assert.True(asset.Book.HasSameLevels(token.Book.Bids.WireOrder, token.Book.Asks.WireOrder));
        }
    }

    [Fact]
    public void TradeRolledWithAnEmptySide_QuotesThatSide_AndNeverCrossesTheBook()
    {
        var clock = new ManualTimeProvider();
        var engine = new MarketEngine(SmallUniverse, new EngineOptions { TradeProbability = 1 }, new CollectingFrameSink(), clock);
        var market = engine.Universe.Markets.First(m => m.Status == MarketStatus.Active);
        for (var i = 0; i < 50; i++)
        {
            // No Yes bids (nor their mirror, the No asks): a taker has nothing to trade across, and the crossed-book
            // fault is off, so no mutation may leave the book crossed.
            market.Yes.Book.Bids.Clear();
            market.No.Book.Asks.Clear();
            clock.Advance(TimeSpan.FromMilliseconds(1));
            engine.Mutate(market);
            Assert.False(market.Yes.Book.IsCrossed, $"crossed after mutation {i}");
            Assert.False(market.Yes.Book.Bids.IsEmpty, $"the empty side was not quoted in mutation {i}");
        }
    }

    [Fact]
    public void SameSeed_SameFrames()
    {
        var (first, firstSink, firstClock) = Create(SmallUniverse);
        var (second, secondSink, secondClock) = Create(SmallUniverse);
        for (var i = 0; i < 2_000; i++)
        {
            firstClock.Advance(TimeSpan.FromMilliseconds(1));
            secondClock.Advance(TimeSpan.FromMilliseconds(1));
            first.Step(1);
            second.Step(1);
        }

        Assert.Equal(firstSink.Frames.Count, secondSink.Frames.Count);
        Assert.True(firstSink.Frames.Select(f => f.Payload).Zip(secondSink.Frames.Select(f => f.Payload)).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
    }

    private static (MarketEngine Engine, CollectingFrameSink Sink, ManualTimeProvider Clock) Create(UniverseOptions universe, SimulatorFaults? faults = null)
    {
        var clock = new ManualTimeProvider();
        var sink = new CollectingFrameSink();
        var engine = new MarketEngine(universe, new EngineOptions(), sink, clock, faults);
        return (engine, sink, clock);
    }

    /// <summary>A client that has subscribed to every token: catalog metadata set, initial dump applied.</summary>
    private static (MarketFrameParser Parser, BookKeeper Keeper, List<SimulatedToken> Tokens) Client(MarketEngine engine)
    {
        var parser = new MarketFrameParser();
        var keeper = new BookKeeper(new BookKeeperOptions { HashFormat = Domain.Hashing.BookHashFormat.V4 });
        var tokens = engine.Universe.Markets.SelectMany(m => new[] { m.Yes, m.No }).ToList();
        foreach (var token in tokens)
        {
            // What the collector learns from the catalog: the hash covers neg_risk, WS books do not carry it.
            keeper.SetMetadata(token.IdUtf8, new AssetMetadata(token.Market.MinOrderSize, Domain.Numerics.Price.Empty, token.Market.NegRisk));
        }

        Assert.Equal(FrameKind.Events, parser.Parse(engine.InitialDump(tokens), keeper).Kind);
        return (parser, keeper, tokens);
    }

    private static AssetBook Asset(BookKeeper keeper, SimulatedToken token)
    {
        Assert.True(keeper.TryGetAsset(token.Id, out var asset));
        return asset;
    }
}
