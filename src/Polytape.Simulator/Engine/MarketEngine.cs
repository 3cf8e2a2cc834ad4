using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;
using Polytape.Simulator.Wire;

namespace Polytape.Simulator.Engine;

/// <summary>
/// The simulated venue's matching and publishing: seeded order flow on a skewed set of markets, trades
/// that sweep levels, tick-size changes near the extremes and the market lifecycle. Each change updates
/// the true books (both tokens of a market mirror each other), recomputes the venue's hashes and writes
/// the frames the live venue would send. Single-threaded: callers hold <see cref="Gate"/>, which REST and
/// WebSocket readers take too when they read books.
/// </summary>
public sealed partial class MarketEngine
{
    // The venue's sizes carry two decimals: one cent of a share is 10,000 units of 0.000001.
    private const long CentUnits = 10_000;

    private readonly SimulatorUniverse _universe;
    private readonly UniverseBuilder _builder;
    private readonly UniverseOptions _universeOptions;
    private readonly IFrameSink _sink;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly Random _random;
    private readonly MarketFrameWriter _writer = new();
    private readonly BookHasher _hasher = new();
    private readonly List<SimulatedMarket> _active = [];
    private readonly LevelUpdate[] _pair = new LevelUpdate[2];
    private double[] _cumulativeActivity = [];
    private bool _activeChanged = true;

    public MarketEngine(UniverseOptions universe, EngineOptions options, IFrameSink sink, TimeProvider time, SimulatorFaults? faults = null)
    {
        _universeOptions = universe;
        _options = options;
        _sink = sink;
        _time = time;
        _random = new Random(universe.Seed);
        _builder = new UniverseBuilder(universe);
        _universe = _builder.Build(time.GetUtcNow());
        Faults = faults ?? new SimulatorFaults();
        foreach (var market in _universe.Markets)
        {
            UpdateStatus(market, time.GetUtcNow(), announce: false);
        }
    }

    public object Gate { get; } = new();

    public SimulatorUniverse Universe => _universe;

    public SimulatorFaults Faults { get; }

    /// <summary>Events (JSON objects) published so far.</summary>
    public long EventsPublished { get; private set; }

    /// <summary>Performs this many mutations on randomly chosen active markets (weighted by activity).</summary>
    public void Step(int mutations)
    {
        for (var i = 0; i < mutations; i++)
        {
            var market = PickActiveMarket();
            if (market is null)
            {
                return;
            }

            Mutate(market);
        }
    }

    /// <summary>Opens, ends and resolves markets by the clock, and lists the next rolling windows.</summary>
    public void AdvanceLifecycle()
    {
        var now = _time.GetUtcNow();
        foreach (var market in _universe.Markets)
        {
            UpdateStatus(market, now, announce: true);
        }

        foreach (var series in _universe.Series)
        {
            ListWindowsAhead(series, now);
        }
    }

    /// <summary>The initial dump for these tokens: books of active markets only (others are left out, as live).</summary>
    public byte[] InitialDump(IEnumerable<SimulatedToken> tokens) =>
        _writer.InitialBooks(tokens.Where(t => t.Market.Status == MarketStatus.Active).ToList());

    /// <summary>One mutation of one market: a trade, or an order placed or cancelled.</summary>
    public void Mutate(SimulatedMarket market)
    {
        if (market.PendingUncross is { } crossing)
        {
            market.PendingUncross = null;
            ChangeLevel(market, Side.Bid, crossing.Price, crossing.Size);
            return;
        }

        DriftFairValue(market);
        var yes = market.Yes.Book;
        var roll = _random.NextDouble();
        // Refill a thin side half the time (near 0 or 1 a side may have no room for more levels).
        if ((yes.Bids.Count < 3 || yes.Asks.Count < 3) && _random.Next(2) == 0)
        {
            Place(market, yes.Bids.Count <= yes.Asks.Count ? Side.Bid : Side.Ask);
        }
        else if (yes.Bids.Count + yes.Asks.Count > 4 * _options.InitialLevelsPerSide)
        {
            CancelDeepest(market, yes.Bids.Count >= yes.Asks.Count ? Side.Bid : Side.Ask);
        }
        else if (roll < _options.TradeProbability)
        {
            if (yes.Bids.IsEmpty || yes.Asks.IsEmpty)
            {
                // Nothing to trade across: quote the empty side. (Falling through here once ran the crossed-book
                // fault even with its probability at 0, so books crossed in fault-free runs.)
                Place(market, yes.Bids.IsEmpty ? Side.Bid : Side.Ask);
            }
            else
            {
                // Takers chase the fair value: quotes on the wrong side of it get lifted or hit.
                var mid = (yes.Bids.FromBest(0).PriceUnits + yes.Asks.FromBest(0).PriceUnits) / 2;
                Trade(market, takerBuysYes: _random.NextDouble() < (market.FairUnits > mid ? 0.8 : market.FairUnits < mid ? 0.2 : 0.5));
            }
        }
        else if (roll < _options.TradeProbability + Faults.CrossedBookProbability)
        {
            CrossBriefly(market);
        }
        else if (_random.NextDouble() < 0.55)
        {
            Place(market, _random.Next(2) == 0 ? Side.Bid : Side.Ask);
        }
        else
        {
            Cancel(market, _random.Next(2) == 0 ? Side.Bid : Side.Ask);
        }

        CheckTickSize(market);
    }

    /// <summary>Sets a Yes level and its mirror on No (a bid at p on Yes is an ask at 1 − p on No).</summary>
    private static void SetLevel(SimulatedMarket market, Side yesSide, Price yesPrice, Size size)
    {
        market.Yes.Book.Set(yesSide, yesPrice, size);
        market.No.Book.Set(Opposite(yesSide), yesPrice.Complement(), size);
    }

    /// <summary>The venue's hash of both books as of <paramref name="timestampMs"/> (10-field, current format).</summary>
    private void Rehash(SimulatedMarket market, long timestampMs)
    {
        Rehash(market.Yes, timestampMs);
        Rehash(market.No, timestampMs);
    }

    private void Rehash(SimulatedToken token, long timestampMs)
    {
        var market = token.Market;
        token.LastChangeMs = timestampMs;
        token.Hash = _hasher.Compute(
            new BookHashInput(BookHashFormat.V4, market.ConditionIdUtf8, token.IdUtf8, timestampMs, market.MinOrderSize, market.TickSize, market.NegRisk, market.LastTradePrice),
            token.Book);
    }

    private void Publish(byte[] payload, MarketEventType type, FrameAudience audience, SimulatedMarket market, SimulatedToken? token = null, bool custom = false)
    {
        EventsPublished++;
        _sink.Publish(new OutboundFrame(payload, type, audience, market, token, custom));
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static Side Opposite(Side side) => side == Side.Bid ? Side.Ask : Side.Bid;
}
