using Polytape.Domain.Books;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;
using Xunit.Sdk;

namespace Polytape.Domain.Tests.Books;

/// <summary>
/// Random level updates and snapshots applied both to an <see cref="OrderBook"/> and to a naive
/// reference (a sorted dictionary per side); every query is compared after every operation.
/// </summary>
public sealed class OrderBookPropertyTests
{
    private const int Steps = 5000;

    // Even seeds use the 0.01 grid, odd seeds the 0.001 grid (hundreds of levels a side).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(77)]
    [InlineData(1234)]
    public void RandomOperations_AgreeWithReferenceAfterEveryStep(int seed)
    {
        var random = new Random(seed);
        var gridUnits = seed % 2 == 0 ? 100 : 10;
        var book = new OrderBook(AssetId.Parse("1"));
        var reference = new Reference();
        var maxLevels = 0;
        for (var step = 0; step < Steps; step++)
        {
            var op = "?";
            try
            {
                // The operation names itself through `op` before it runs, for the failure message.
                if (random.Next(100) == 0)
                {
                    Snapshot(random, gridUnits, book, reference, ref op);
                }
                else
                {
                    SetLevel(random, gridUnits, book, reference, ref op);
                }

                CheckAgainst(reference, book, random, fullText: step % 97 == 0);
                maxLevels = Math.Max(maxLevels, Math.Max(book.Bids.Count, book.Asks.Count));
            }
            catch (XunitException ex)
            {
                Assert.Fail($"seed {seed}, step {step}, after {op}: {ex.Message}");
            }
        }

        // The run must actually have exercised growth past the initial capacity of 32.
        Assert.True(maxLevels > (gridUnits == 10 ? 150 : 40), $"seed {seed}: only {maxLevels} levels");
    }

    private static void SetLevel(Random random, int gridUnits, OrderBook book, Reference reference, ref string op)
    {
        var side = random.Next(2) == 0 ? Side.Bid : Side.Ask;
        var price = RandomPrice(random, gridUnits);
        // 40% deletes: many of them hit absent levels and must do nothing.
        var size = random.Next(100) < 40 ? Size.Parse(random.Next(2) == 0 ? "0" : "0.00") : RandomSize(random);
        var levels = reference.SideOf(side);
        var existed = levels.ContainsKey(price.Units);
        var expected = size.IsZero
            ? existed ? LevelChange.Removed : LevelChange.None
            : existed ? LevelChange.Updated : LevelChange.Added;

        op = $"Set({side}, {price}, {size})";
        var change = book.Set(side, price, size);

        reference.Set(side, price, size);
        Assert.Equal(expected, change);
        // The level just written keeps the exact text it was given.
        if (!size.IsZero)
        {
            var level = FindLevel(book.SideOf(side).WireOrder, price.Units);
            Assert.Equal(price.ToString(), level.Price.ToString());
            Assert.Equal(size.ToString(), level.Size.ToString());
        }
    }

    private static void Snapshot(Random random, int gridUnits, OrderBook book, Reference reference, ref string op)
    {
        var bids = RandomSnapshotSide(random, gridUnits);
        var asks = RandomSnapshotSide(random, gridUnits);
        op = $"Replace({bids.Length} bids, {asks.Length} asks)";

        book.Replace(bids, asks);

        reference.Clear();
        foreach (var level in bids)
        {
            reference.Set(Side.Bid, level.Price, level.Size);
        }

        foreach (var level in asks)
        {
            reference.Set(Side.Ask, level.Price, level.Size);
        }

        Assert.True(book.HasSameLevels(bids, asks), "HasSameLevels of the snapshot just applied");
        Assert.True(book.HasSameLevels(Shuffled(random, bids), Shuffled(random, asks)), "HasSameLevels, reshuffled");
        Assert.False(book.HasSameLevels(asks, bids) && !SameContent(bids, asks), "HasSameLevels with sides swapped");
        CheckNearMisses(random, book, bids, asks);
    }

    // One size off by a unit, one level removed, one level added: each must break HasSameLevels.
    private static void CheckNearMisses(Random random, OrderBook book, BookLevel[] bids, BookLevel[] asks)
    {
        var nonZero = bids.Select((level, index) => (level, index)).Where(x => x.level.SizeUnits != 0).ToArray();
        if (nonZero.Length > 0)
        {
            var (level, index) = nonZero[random.Next(nonZero.Length)];
            var changed = (BookLevel[])bids.Clone();
            changed[index] = new BookLevel(level.Price, Size.FromUnits(level.SizeUnits + 1));
            Assert.False(book.HasSameLevels(changed, asks), $"size of {level} changed");

            var removed = bids.Where((_, i) => i != index).ToArray();
            Assert.False(book.HasSameLevels(removed, asks), $"level {level} removed");
        }

        for (var units = 10; units < Price.UnitsPerOne; units += 10)
        {
            if (book.Asks.SizeAt(Price.FromUnits(units)).IsZero)
            {
                var added = asks.Append(new BookLevel(Price.FromUnits(units), Size.Parse("1"))).ToArray();
                Assert.False(book.HasSameLevels(bids, added), $"ask {units} added");
                break;
            }
        }
    }

    private static void CheckAgainst(Reference reference, OrderBook book, Random random, bool fullText)
    {
        CheckSide(reference.Bids, book.Bids, ascending: true, fullText);
        CheckSide(reference.Asks, book.Asks, ascending: false, fullText);

        var bestBid = reference.Bids.Count == 0 ? (int?)null : reference.Bids.Keys.Max();
        var bestAsk = reference.Asks.Count == 0 ? (int?)null : reference.Asks.Keys.Min();
        Assert.Equal(bestBid ?? -1, book.BestBid.IsEmpty ? -1 : book.BestBid.Units);
        Assert.Equal(bestAsk ?? -1, book.BestAsk.IsEmpty ? -1 : book.BestAsk.Units);
        Assert.Equal(bestBid is { } b && bestAsk is { } a && b >= a, book.IsCrossed);

        // A random probe, usually of an absent level.
        var probe = Price.FromUnits(random.Next(0, Price.UnitsPerOne + 1));
        Assert.Equal(reference.Bids.TryGetValue(probe.Units, out var bid) ? bid.SizeUnits : 0, book.Bids.SizeAt(probe).Units);
        Assert.Equal(reference.Asks.TryGetValue(probe.Units, out var ask) ? ask.SizeUnits : 0, book.Asks.SizeAt(probe).Units);

        if (fullText)
        {
            Assert.True(book.HasSameLevels(reference.Levels(Side.Bid, random), reference.Levels(Side.Ask, random)), "HasSameLevels of the reference");
        }
    }

    private static void CheckSide(SortedDictionary<int, BookLevel> expected, BookSide side, bool ascending, bool fullText)
    {
        Assert.Equal(expected.Count, side.Count);
        Assert.Equal(expected.Count == 0, side.IsEmpty);
        var wire = side.WireOrder;
        var i = ascending ? 0 : wire.Length - 1;
        foreach (var (units, want) in expected)
        {
            var level = wire[i];
            Assert.Equal(units, level.PriceUnits);
            Assert.Equal(want.SizeUnits, level.SizeUnits);
            if (fullText)
            {
                // Text as last given, for the hash.
                Assert.Equal(want.ToString(), level.ToString());
                Assert.Equal(want.SizeUnits, side.SizeAt(level.Price).Units);
            }

            i += ascending ? 1 : -1;
        }

        // Best-first order is wire order read backwards; the two views must agree.
        for (var depth = 0; depth < wire.Length; depth++)
        {
            Assert.Equal(wire[wire.Length - 1 - depth], side.FromBest(depth));
        }

        if (wire.Length > 0)
        {
            Assert.True(side.TryGetBest(out var best));
            Assert.Equal(wire[^1], best);
            Assert.Equal(best.PriceUnits, side.BestPrice.Units);
        }
        else
        {
            Assert.False(side.TryGetBest(out _));
            Assert.True(side.BestPrice.IsEmpty);
        }
    }

    // Distinct prices, nonzero sizes, plus a few size-0 levels at other prices, in random order.
    private static BookLevel[] RandomSnapshotSide(Random random, int gridUnits)
    {
        var ticks = (Price.UnitsPerOne / gridUnits) - 1;
        var count = random.Next(0, Math.Min(ticks, 150) + 1);
        var zeros = random.Next(0, 6);
        var prices = Enumerable.Range(1, ticks).ToArray();
        random.Shuffle(prices);
        var levels = new List<BookLevel>();
        for (var i = 0; i < Math.Min(count + zeros, ticks); i++)
        {
            var price = RandomDecimals(random, prices[i] * gridUnits);
            levels.Add(new BookLevel(price, i < count ? RandomSize(random) : Size.Zero));
        }

        return [.. levels];
    }

    private static Price RandomPrice(Random random, int gridUnits) =>
        RandomDecimals(random, random.Next(1, Price.UnitsPerOne / gridUnits) * gridUnits);

    // Mostly the venue's minimal form; sometimes extra trailing zeros ("0.500").
    private static Price RandomDecimals(Random random, int units) =>
        random.Next(10) == 0 ? Price.FromUnits(units, (byte)random.Next(0, Price.Scale + 1)) : Price.FromUnits(units);

    private static Size RandomSize(Random random)
    {
        var units = random.Next(5) switch
        {
            0 => random.NextInt64(1, 1_000_000),
            1 => random.NextInt64(1, 1_000_000) * 10_000,
            _ => random.NextInt64(1, 100_000) * 1_000_000,
        };
        return random.Next(8) == 0 ? Size.FromUnitsExact(units, Size.Scale) : Size.FromUnits(units);
    }

    private static BookLevel FindLevel(ReadOnlySpan<BookLevel> levels, int priceUnits)
    {
        foreach (var level in levels)
        {
            if (level.PriceUnits == priceUnits)
            {
                return level;
            }
        }

        throw new XunitException($"no level at {priceUnits} units");
    }

    private static BookLevel[] Shuffled(Random random, BookLevel[] levels)
    {
        var copy = (BookLevel[])levels.Clone();
        random.Shuffle(copy);
        return copy;
    }

    private static bool SameContent(BookLevel[] a, BookLevel[] b) =>
        a.Where(l => l.SizeUnits != 0).OrderBy(l => l.PriceUnits).SequenceEqual(b.Where(l => l.SizeUnits != 0).OrderBy(l => l.PriceUnits));

    /// <summary>The naive book: price units → the level as last given (with its text), per side.</summary>
    private sealed class Reference
    {
        public SortedDictionary<int, BookLevel> Bids { get; } = [];

        public SortedDictionary<int, BookLevel> Asks { get; } = [];

        public SortedDictionary<int, BookLevel> SideOf(Side side) => side == Side.Bid ? Bids : Asks;

        public void Set(Side side, Price price, Size size)
        {
            if (size.IsZero)
            {
                SideOf(side).Remove(price.Units);
            }
            else
            {
                SideOf(side)[price.Units] = new BookLevel(price, size);
            }
        }

        public void Clear()
        {
            Bids.Clear();
            Asks.Clear();
        }

        public BookLevel[] Levels(Side side, Random random)
        {
            var levels = SideOf(side).Values.ToArray();
            random.Shuffle(levels);
            return levels;
        }
    }
}
