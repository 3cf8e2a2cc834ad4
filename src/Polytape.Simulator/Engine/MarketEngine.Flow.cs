using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Wire;

namespace Polytape.Simulator.Engine;

/// <summary>Order flow: placing, cancelling, sweeping trades, tick-size changes and the frames each produces.</summary>
public sealed partial class MarketEngine
{
    private static readonly Price FineTick = Price.Parse("0.001");
    private static readonly Price CoarseTick = Price.Parse("0.01");

    // The tick becomes 0.001 when the book trades beyond 0.96 or below 0.04, and reverts inside.
    private const int UpperTickBoundary = 9_600;
    private const int LowerTickBoundary = 400;

    private void DriftFairValue(SimulatedMarket market)
    {
        if (_random.NextDouble() < 0.2)
        {
            var tick = market.TickSize.Units;
            market.FairUnits = Math.Clamp(market.FairUnits + (_random.Next(3) - 1) * tick, 2 * tick, Price.UnitsPerOne - (2 * tick));
        }
    }

    /// <summary>Adds size at a price near the fair value, never crossing the other side.</summary>
    private void Place(SimulatedMarket market, Side side)
    {
        var book = market.Yes.Book;
        var tick = market.TickSize.Units;
        var steps = Geometric(0.35);
        int units;
        if (side == Side.Bid)
        {
            var ceiling = book.Asks.IsEmpty ? Price.UnitsPerOne - tick : book.Asks.FromBest(0).PriceUnits - tick;
            units = AlignDown(Math.Min(market.FairUnits, ceiling), tick) - (steps * tick);
        }
        else
        {
            var floor = book.Bids.IsEmpty ? tick : book.Bids.FromBest(0).PriceUnits + tick;
            units = AlignUp(Math.Max(market.FairUnits, floor), tick) + (steps * tick);
        }

        // Near the extremes quotes pile up on the last tick rather than vanish.
        units = Math.Clamp(units, tick, Price.UnitsPerOne - tick);
        if ((side == Side.Bid && !book.Asks.IsEmpty && units >= book.Asks.FromBest(0).PriceUnits) ||
            (side == Side.Ask && !book.Bids.IsEmpty && units <= book.Bids.FromBest(0).PriceUnits))
        {
            return; // no room inside the spread on this side
        }

        var price = Price.FromUnits(units);
        var size = Size.FromUnits(book.SideOf(side).SizeAt(price).Units + (_random.Next(500, 100_000) * CentUnits));
        ChangeLevel(market, side, price, size);
    }

    /// <summary>Reduces or removes a random level of a side.</summary>
    private void Cancel(SimulatedMarket market, Side side)
    {
        var levels = market.Yes.Book.SideOf(side);
        if (levels.IsEmpty)
        {
            Place(market, side);
            return;
        }

        var level = levels.FromBest(_random.Next(levels.Count));
        var remaining = _random.Next(2) == 0 ? 0 : level.SizeUnits * _random.Next(1, 10) / 10 / CentUnits * CentUnits;
        ChangeLevel(market, side, level.Price, Size.FromUnits(remaining));
    }

    private void CancelDeepest(SimulatedMarket market, Side side)
    {
        var levels = market.Yes.Book.SideOf(side);
        ChangeLevel(market, side, levels.FromBest(levels.Count - 1).Price, Size.Zero);
    }

    /// <summary>An order placement or cancellation: one price_change carrying both legs, entry order varying.</summary>
    private void ChangeLevel(SimulatedMarket market, Side yesSide, Price yesPrice, Size size)
    {
        var before = TopOf(market);
        SetLevel(market, yesSide, yesPrice, size);
        var now = NowMs();
        Rehash(market, now);
        var first = _random.Next(2);
        _pair[first] = new LevelUpdate(market.Yes, yesSide, yesPrice, size);
        _pair[1 - first] = new LevelUpdate(market.No, Opposite(yesSide), yesPrice.Complement(), size);
        PublishPriceChange(market, now, _pair);
        PublishTopIfChanged(market, before, now);
    }

    /// <summary>
    /// A taker order sweeping one to three levels. All its messages share one timestamp and carry the
    /// post-trade hash and best bid/ask; one last_trade_price per fill; then both books, as live.
    /// </summary>
    private void Trade(SimulatedMarket market, bool takerBuysYes)
    {
        var makerSide = takerBuysYes ? Side.Ask : Side.Bid;
        var levels = market.Yes.Book.SideOf(makerSide);
        var sweep = Math.Min(_random.NextDouble() < 0.7 ? 1 : 2 + _random.Next(2), levels.Count - 1);
        if (sweep < 1)
        {
            Place(market, makerSide);
            return;
        }

        var before = TopOf(market);
        Span<BookLevel> fills = stackalloc BookLevel[3];
        Span<BookLevel> remaining = stackalloc BookLevel[3];
        for (var i = 0; i < sweep; i++)
        {
            var level = levels.FromBest(0);
            var partial = i == sweep - 1 && _random.Next(3) > 0;
            var left = partial ? level.SizeUnits * _random.Next(1, 10) / 10 / CentUnits * CentUnits : 0;
            fills[i] = new BookLevel(level.Price, Size.FromUnits(level.SizeUnits - left));
            remaining[i] = new BookLevel(level.Price, Size.FromUnits(left));
            SetLevel(market, makerSide, level.Price, Size.FromUnits(left));
        }

        var now = NowMs();
        var lastFill = fills[sweep - 1].Price;
        market.LastTradePrice = Price.FromUnits(lastFill.Units, 3);
        Rehash(market, now);

        var takerSide = takerBuysYes ? Side.Bid : Side.Ask;
        if (!Faults.HashAheadOfTrade)
        {
            PublishFills(market, fills[..sweep], takerSide, now);
        }

        for (var i = 0; i < sweep; i++)
        {
            var level = remaining[i];
            _pair[0] = new LevelUpdate(market.Yes, makerSide, level.Price, level.Size);
            _pair[1] = new LevelUpdate(market.No, Opposite(makerSide), level.Price.Complement(), level.Size);
            PublishPriceChange(market, now, _pair);
        }

        if (Faults.HashAheadOfTrade)
        {
            PublishFills(market, fills[..sweep], takerSide, now);
        }

        Publish(_writer.Book(market.Yes), MarketEventType.Book, FrameAudience.Token, market, market.Yes);
        Publish(_writer.Book(market.No), MarketEventType.Book, FrameAudience.Token, market, market.No);
        PublishTopIfChanged(market, before, now);
    }

    private void PublishFills(SimulatedMarket market, ReadOnlySpan<BookLevel> fills, Side takerSide, long now)
    {
        foreach (var fill in fills)
        {
            var transaction = $"0x{_random.NextInt64():x16}{_random.NextInt64():x16}{_random.NextInt64():x16}{_random.NextInt64():x16}";
            Publish(_writer.LastTradePrice(market.Yes, fill.Price, fill.Size, takerSide, now, transaction),
                MarketEventType.LastTradePrice, FrameAudience.Market, market);
        }
    }

    /// <summary>Fault: a bid placed at the best ask (a crossed book), withdrawn by the market's next mutation.</summary>
    private void CrossBriefly(SimulatedMarket market)
    {
        var asks = market.Yes.Book.Asks;
        if (asks.IsEmpty)
        {
            return;
        }

        var price = asks.FromBest(0).Price;
        var existing = market.Yes.Book.Bids.SizeAt(price);
        ChangeLevel(market, Side.Bid, price, Size.FromUnits(existing.Units + (100 * CentUnits)));
        market.PendingUncross = new BookLevel(price, existing);
    }

    /// <summary>Crossing 0.96/0.04 switches the tick to 0.001, and back to 0.01 inside; both tokens are told.</summary>
    private void CheckTickSize(SimulatedMarket market)
    {
        var book = market.Yes.Book;
        var bid = book.Bids.IsEmpty ? -1 : book.Bids.FromBest(0).PriceUnits;
        var ask = book.Asks.IsEmpty ? Price.UnitsPerOne + 1 : book.Asks.FromBest(0).PriceUnits;
        var extreme = bid > UpperTickBoundary || ask < LowerTickBoundary;
        var old = market.TickSize;
        var wanted = extreme ? FineTick : bid >= LowerTickBoundary && ask <= UpperTickBoundary ? CoarseTick : old;
        if (wanted == old)
        {
            return;
        }

        market.TickSize = wanted;
        market.FairUnits = AlignDown(market.FairUnits, wanted.Units);
        var now = NowMs();
        Rehash(market, now);
        Publish(_writer.TickSizeChange(market.Yes, old, wanted, now), MarketEventType.TickSizeChange, FrameAudience.Token, market, market.Yes);
        Publish(_writer.TickSizeChange(market.No, old, wanted, now), MarketEventType.TickSizeChange, FrameAudience.Token, market, market.No);
    }

    private void PublishPriceChange(SimulatedMarket market, long now, ReadOnlySpan<LevelUpdate> updates)
    {
        var frame = _writer.PriceChange(market, now, updates, _options.EmptySides);
        InjectFeedFaults(market, now, ref frame);
        Publish(frame, MarketEventType.PriceChange, FrameAudience.Market, market);
        if (Faults.DuplicateProbability > 0 && _random.NextDouble() < Faults.DuplicateProbability)
        {
            Publish(frame, MarketEventType.PriceChange, FrameAudience.Market, market);
        }
    }

    /// <summary>
    /// Feed faults around a price_change: a truncated copy sent first (the real frame still follows, so
    /// nothing is lost), an event type nobody knows, or an extra key in the frame (schema drift).
    /// </summary>
    private void InjectFeedFaults(SimulatedMarket market, long now, ref byte[] frame)
    {
        var faults = Faults;
        if (faults.MalformedProbability > 0 && _random.NextDouble() < faults.MalformedProbability)
        {
            Publish(frame[..(frame.Length / 2)], MarketEventType.Unknown, FrameAudience.Market, market);
        }

        if (faults.UnknownEventProbability > 0 && _random.NextDouble() < faults.UnknownEventProbability)
        {
            var unknown = System.Text.Encoding.UTF8.GetBytes(
                $"{{\"event_type\":\"sim_unknown_event\", \"market\":\"{market.ConditionId}\", \"timestamp\":\"{now}\"}}");
            Publish(unknown, MarketEventType.Unknown, FrameAudience.Market, market);
        }

        if (faults.UnknownFieldProbability > 0 && _random.NextDouble() < faults.UnknownFieldProbability)
        {
            frame = [.. frame.AsSpan(0, frame.Length - 1), .. ", \"sim_extra_field\":\"1\"}"u8];
        }
    }

    private static (int Bid, int Ask) TopOf(SimulatedMarket market)
    {
        var book = market.Yes.Book;
        return (book.Bids.IsEmpty ? -1 : book.Bids.FromBest(0).PriceUnits, book.Asks.IsEmpty ? -1 : book.Asks.FromBest(0).PriceUnits);
    }

    private void PublishTopIfChanged(SimulatedMarket market, (int Bid, int Ask) before, long now)
    {
        if (TopOf(market) == before)
        {
            return;
        }

        Publish(_writer.BestBidAsk(market.Yes, now), MarketEventType.BestBidAsk, FrameAudience.Token, market, market.Yes, custom: true);
        Publish(_writer.BestBidAsk(market.No, now), MarketEventType.BestBidAsk, FrameAudience.Token, market, market.No, custom: true);
    }

    private int Geometric(double p)
    {
        var steps = 0;
        while (steps < 20 && _random.NextDouble() > p)
        {
            steps++;
        }

        return steps;
    }

    private static int AlignDown(int units, int tick) => units / tick * tick;

    private static int AlignUp(int units, int tick) => (units + tick - 1) / tick * tick;
}
