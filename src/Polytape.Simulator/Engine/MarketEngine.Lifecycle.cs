using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Engine;

/// <summary>
/// Market lifecycle: hydration (Gamma lists a market before the CLOB serves it), trading, the end (the book
/// is emptied), resolution about two minutes later (market_resolved), and rolling windows listed ahead.
/// </summary>
public sealed partial class MarketEngine
{
    /// <summary>Moves a market through every stage that is due (a long pause may end and resolve it at once).</summary>
    private void UpdateStatus(SimulatedMarket market, DateTimeOffset now, bool announce)
    {
        MarketStatus before;
        do
        {
            before = market.Status;
            UpdateStatusOnce(market, now, announce);
        }
        while (market.Status != before);
    }

    private void UpdateStatusOnce(SimulatedMarket market, DateTimeOffset now, bool announce)
    {
        switch (market.Status)
        {
            case MarketStatus.Hydrating when now >= market.AcceptingOrdersAt && now < market.EndDate:
                OpenBook(market);
                if (announce)
                {
                    // Clients that subscribed while the CLOB did not know the market get its first books now.
                    Publish(_writer.Book(market.Yes), MarketEventType.Book, FrameAudience.Token, market, market.Yes);
                    Publish(_writer.Book(market.No), MarketEventType.Book, FrameAudience.Token, market, market.No);
                }

                break;
            case MarketStatus.Hydrating when now >= market.EndDate:
            case MarketStatus.Active when now >= market.EndDate:
                EndMarket(market, announce);
                break;
            case MarketStatus.Ended when now >= market.EndDate + _options.ResolveDelay:
                Resolve(market, announce);
                break;
        }
    }

    /// <summary>A fresh book around a random fair value: a few to a dozen levels a side, sizes in cents.</summary>
    private void OpenBook(SimulatedMarket market)
    {
        var tick = market.TickSize.Units;
        market.FairUnits = AlignDown(1_500 + _random.Next(7_000), tick);
        var spread = tick * (1 + _random.Next(3));
        var levels = Math.Max(3, _options.InitialLevelsPerSide - 4 + _random.Next(9));
        for (var k = 0; k < levels; k++)
        {
            var bid = market.FairUnits - (k * tick);
            var ask = market.FairUnits + spread + (k * tick);
            if (bid >= tick)
            {
                SetLevel(market, Side.Bid, Price.FromUnits(bid), RandomSize());
            }

            if (ask <= Price.UnitsPerOne - tick)
            {
                SetLevel(market, Side.Ask, Price.FromUnits(ask), RandomSize());
            }
        }

        market.Status = MarketStatus.Active;
        _activeChanged = true;
        Rehash(market, NowMs());
    }

    /// <summary>At its end a market's levels are removed (best bid/ask go to "0"/"1"), as observed live.</summary>
    private void EndMarket(SimulatedMarket market, bool announce)
    {
        var now = NowMs();
        if (market.Status == MarketStatus.Active)
        {
            foreach (var side in (ReadOnlySpan<Side>)[Side.Bid, Side.Ask])
            {
                var levels = market.Yes.Book.SideOf(side);
                while (!levels.IsEmpty)
                {
                    var level = levels.FromBest(0);
                    SetLevel(market, side, level.Price, Size.Zero);
                    Rehash(market, now);
                    if (announce)
                    {
                        _pair[0] = new(market.Yes, side, level.Price, Size.Zero);
                        _pair[1] = new(market.No, Opposite(side), level.Price.Complement(), Size.Zero);
                        PublishPriceChange(market, now, _pair);
                    }
                }
            }
        }

        market.Status = MarketStatus.Ended;
        _activeChanged = true;
    }

    private void Resolve(SimulatedMarket market, bool announce)
    {
        market.Winner = _random.Next(2) == 0 ? market.Yes : market.No;
        market.ResolvedAt = _time.GetUtcNow();
        market.Status = MarketStatus.Resolved;
        if (announce)
        {
            Publish(_writer.MarketResolved(market, NowMs()), MarketEventType.MarketResolved, FrameAudience.Market, market, custom: true);
        }
    }

    /// <summary>Moves the price a market's order flow wanders around (an admin and test hook: drive a book to an extreme).</summary>
    public void SetFairValue(SimulatedMarket market, Price price)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (!_universe.TryGetMarketByConditionId(market.ConditionId, out var own) || !ReferenceEquals(own, market))
        {
            throw new ArgumentException($"Market {market.Slug} is not traded by this engine.", nameof(market));
        }

        market.FairUnits = Math.Clamp(price.Units, market.TickSize.Units, Price.UnitsPerOne - market.TickSize.Units);
    }

    /// <summary>Makes a market resolve now (an admin action: "markets resolving mid-session").</summary>
    public void ResolveNow(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.Status == MarketStatus.Resolved)
        {
            return; // resolved once, with one winner and one market_resolved
        }

        EndMarket(market, announce: true);
        Resolve(market, announce: true);
    }

    /// <summary>Keeps <see cref="UniverseOptions.WindowsAhead"/> future windows listed; each new market is announced.</summary>
    private void ListWindowsAhead(SimulatedSeries series, DateTimeOffset now)
    {
        var last = series.Events[^1].Markets[0];
        var recurrence = (RollingRecurrence)Array.IndexOf(RecurrenceCodes, series.Recurrence);
        var length = RollingSlugs.Length(recurrence);
        var horizon = RollingSlugs.WindowStart(recurrence, now) + (length * _universeOptions.WindowsAhead);
        var coin = series.Slug[..series.Slug.IndexOf('-', StringComparison.Ordinal)];
        for (var start = last.EventStartTime!.Value + length; start <= horizon; start += length)
        {
            // The hydration fault applies to markets listed from now on.
            var hydration = Faults.HydrationDelay > TimeSpan.Zero ? Faults.HydrationDelay : _universeOptions.HydrationDelay;
            var market = _builder.AddRollingWindow(_universe, series, coin, recurrence, start, now, hydration);
            Publish(_writer.NewMarket(market, NowMs()), MarketEventType.NewMarket, FrameAudience.Everyone, market, custom: true);
            UpdateStatus(market, now, announce: true);
        }
    }

    private static readonly string[] RecurrenceCodes = ["5m", "15m", "1h", "4h", "daily"];

    private SimulatedMarket? PickActiveMarket()
    {
        if (_activeChanged)
        {
            _active.Clear();
            foreach (var market in _universe.Markets)
            {
                if (market.Status == MarketStatus.Active)
                {
                    _active.Add(market);
                }
            }

            _cumulativeActivity = new double[_active.Count];
            var total = 0.0;
            for (var i = 0; i < _active.Count; i++)
            {
                total += _active[i].Activity;
                _cumulativeActivity[i] = total;
            }

            _activeChanged = false;
        }

        if (_active.Count == 0)
        {
            return null;
        }

        var target = _random.NextDouble() * _cumulativeActivity[^1];
        var index = Array.BinarySearch(_cumulativeActivity, target);
        return _active[Math.Min(index < 0 ? ~index : index, _active.Count - 1)];
    }

    private Size RandomSize() => Size.FromUnits(_random.Next(500, 200_000) * CentUnits);
}
