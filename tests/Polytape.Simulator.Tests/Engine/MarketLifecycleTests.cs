using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Engine;

/// <summary>Hydration, the end of a market, resolution and rolling windows, driven by a manual clock.</summary>
public sealed class MarketLifecycleTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly CollectingFrameSink _sink = new();

    [Fact]
    public void HydratingMarket_OpensWithBooksForItsSubscribers()
    {
        var engine = Create(TimeSpan.FromSeconds(30));
        var hydrating = engine.Universe.Markets.Where(m => m.Status == MarketStatus.Hydrating).ToList();
        Assert.NotEmpty(hydrating); // the rolling windows listed "now" wait for the CLOB

        _clock.Advance(TimeSpan.FromSeconds(31));
        engine.AdvanceLifecycle();

        var market = hydrating[0];
        Assert.Equal(MarketStatus.Active, market.Status);
        var books = _sink.Frames.Where(f => f.Type == MarketEventType.Book && ReferenceEquals(f.Market, market)).ToList();
        Assert.Equal(2, books.Count);
        Assert.Contains(books, f => ReferenceEquals(f.Token, market.Yes));
        Assert.Contains(books, f => ReferenceEquals(f.Token, market.No));
    }

    [Fact]
    public void WindowEnd_EmptiesTheBook_ThenResolvesTwoMinutesLater_AndListsTheNextWindow()
    {
        var engine = Create(TimeSpan.Zero);
        var market = engine.Universe.Markets.First(m => m.EventStartTime is not null && m.Status == MarketStatus.Active);
        var windows = engine.Universe.Markets.Count;

        _clock.Advance(market.EndDate - _clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        engine.AdvanceLifecycle();
        Assert.Equal(MarketStatus.Ended, market.Status);
        Assert.True(market.Yes.Book.Bids.IsEmpty && market.Yes.Book.Asks.IsEmpty);
        Assert.DoesNotContain(_sink.Frames, f => f.Type == MarketEventType.MarketResolved);
        Assert.True(engine.Universe.Markets.Count > windows, "the next window is listed ahead");
        Assert.Contains(_sink.Frames, f => f.Type == MarketEventType.NewMarket && f.Audience == FrameAudience.Everyone);

        _clock.Advance(TimeSpan.FromMinutes(2));
        engine.AdvanceLifecycle();
        Assert.Equal(MarketStatus.Resolved, market.Status);
        Assert.Single(_sink.Frames, f => f.Type == MarketEventType.MarketResolved && ReferenceEquals(f.Market, market));
    }

    [Fact]
    public void HydrationFault_SwitchedOnWhileRunning_AppliesToNewlyListedWindows()
    {
        var engine = Create(TimeSpan.Zero);
        engine.Faults.HydrationDelay = TimeSpan.FromSeconds(45);
        var before = engine.Universe.Markets.Count;

        _clock.Advance(TimeSpan.FromMinutes(5));
        engine.AdvanceLifecycle();

        var listed = engine.Universe.Markets.Skip(before).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, m => Assert.Equal(MarketStatus.Hydrating, m.Status));
        Assert.All(listed, m => Assert.Equal(m.CreatedAt + TimeSpan.FromSeconds(45), m.AcceptingOrdersAt));
    }

    [Fact]
    public void ResolveNow_IsIdempotent()
    {
        var engine = Create(TimeSpan.Zero);
        var market = engine.Universe.Markets.First(m => m.Status == MarketStatus.Active);

        engine.ResolveNow(market);
        var winner = market.Winner;
        engine.ResolveNow(market);

        Assert.Same(winner, market.Winner);
        Assert.Single(_sink.Frames, f => f.Type == MarketEventType.MarketResolved);
    }

    private MarketEngine Create(TimeSpan hydration) => new(
        new UniverseOptions { Seed = 4, BinaryMarkets = 2, NegRiskEvents = 0, RollingCoins = ["btc"], Recurrences = [RollingRecurrence.FiveMinutes], HydrationDelay = hydration },
        new EngineOptions(), _sink, _clock);
}
