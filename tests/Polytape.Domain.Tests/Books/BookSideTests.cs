using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Books;

public sealed class BookSideTests
{
    [Theory]
    [InlineData(Side.Bid)]
    [InlineData(Side.Ask)]
    public void Replace_AnyLevels_SameAsSettingEachOnACleanSide(Side which)
    {
        var random = new Random(20261202);
        var side = new BookSide(which);
        for (var round = 0; round < 2_000; round++)
        {
            var levels = RandomLevels(random, which);
            var expected = new BookSide(which);
            foreach (var level in levels)
            {
                expected.Set(level.Price, level.Size);
            }

            side.Replace(levels);

            Assert.Equal(expected.WireOrder.ToArray(), side.WireOrder.ToArray());
            Assert.Equal(expected.WireOrder.ToArray().Select(l => (l.PriceDecimals, l.SizeDecimals)), side.WireOrder.ToArray().Select(l => (l.PriceDecimals, l.SizeDecimals)));
        }
    }

    [Fact]
    public void Replace_DeepSnapshotThenShallow_KeepsOnlyTheNewLevels()
    {
        var side = new BookSide(Side.Bid);
        side.Replace(Enumerable.Range(1, 100).Select(i => new BookLevel(Price.FromUnits(i * 10), Size.Parse("5"))).ToArray());
        Assert.Equal(100, side.Count);

        side.Replace([new BookLevel(Price.Parse("0.2"), Size.Parse("1")), new BookLevel(Price.Parse("0.3"), Size.Parse("2"))]);

        Assert.Equal(["0.2", "0.3"], Prices(side.WireOrder));
        side.Set(Price.Parse("0.25"), Size.Parse("3"));
        Assert.Equal(["0.2", "0.25", "0.3"], Prices(side.WireOrder));
    }

    /// <summary>Mostly wire-ordered snapshots (the copied path), sometimes shuffled, with size-0 or repeated prices.</summary>
    private static BookLevel[] RandomLevels(Random random, Side which)
    {
        var count = random.Next(0, 40);
        var prices = Enumerable.Range(1, 99).OrderBy(_ => random.Next()).Take(count).Select(p => p * 100).ToList();
        prices.Sort();
        if (which == Side.Ask)
        {
            prices.Reverse();
        }

        var levels = prices.Select(p => new BookLevel(
            random.Next(2) == 0 ? Price.FromUnits(p) : Price.FromUnits(p, 3),
            Size.FromUnitsExact(random.NextInt64(1, 10_000_000), (byte)random.Next(1, 7)))).ToList();
        switch (random.Next(6))
        {
            case 0 when levels.Count > 1:
                (levels[0], levels[^1]) = (levels[^1], levels[0]);
                break;
            case 1 when levels.Count > 0:
                levels[random.Next(levels.Count)] = new BookLevel(levels[0].Price, Size.Zero);
                break;
            case 2 when levels.Count > 0:
                levels.Add(new BookLevel(levels[0].Price, Size.Parse("7")));
                break;
        }

        return [.. levels];
    }

    [Fact]
    public void Set_BidsInAnyOrder_WireOrderAscendingBestLast()
    {
        var side = new BookSide(Side.Bid);
        foreach (var price in new[] { "0.3", "0.01", "0.33", "0.05", "0.2" })
        {
            side.Set(Price.Parse(price), Size.Parse("10"));
        }

        Assert.Equal(["0.01", "0.05", "0.2", "0.3", "0.33"], Prices(side.WireOrder));
        Assert.Equal("0.33", side.BestPrice.ToString());
        Assert.Equal("0.3", side.FromBest(1).Price.ToString());
        Assert.Equal("0.01", side.FromBest(4).Price.ToString());
    }

    [Fact]
    public void Set_AsksInAnyOrder_WireOrderDescendingBestLast()
    {
        var side = new BookSide(Side.Ask);
        foreach (var price in new[] { "0.34", "0.99", "0.5", "0.94", "0.6" })
        {
            side.Set(Price.Parse(price), Size.Parse("10"));
        }

        Assert.Equal(["0.99", "0.94", "0.6", "0.5", "0.34"], Prices(side.WireOrder));
        Assert.Equal("0.34", side.BestPrice.ToString());
        Assert.True(side.TryGetBest(out var best));
        Assert.Equal(Price.Parse("0.34"), best.Price);
    }

    [Theory]
    [InlineData(Side.Bid)]
    [InlineData(Side.Ask)]
    public void Set_EachCase_ReportsWhatItDid(Side which)
    {
        var side = new BookSide(which);

        Assert.Equal(LevelChange.None, side.Set(Price.Parse("0.5"), Size.Zero));
        Assert.Equal(LevelChange.Added, side.Set(Price.Parse("0.5"), Size.Parse("10")));
        Assert.Equal(LevelChange.Added, side.Set(Price.Parse("0.4"), Size.Parse("20")));
        Assert.Equal(LevelChange.Added, side.Set(Price.Parse("0.6"), Size.Parse("30")));
        Assert.Equal(LevelChange.Updated, side.Set(Price.Parse("0.5"), Size.Parse("11")));
        Assert.Equal(LevelChange.Updated, side.Set(Price.Parse("0.50"), Size.Parse("11")));
        Assert.Equal(LevelChange.None, side.Set(Price.Parse("0.45"), Size.Parse("0.00")));
        Assert.Equal(LevelChange.Removed, side.Set(Price.Parse("0.5"), Size.Zero));
        Assert.Equal(LevelChange.None, side.Set(Price.Parse("0.5"), Size.Zero));
        Assert.Equal(2, side.Count);
        Assert.Equal(Size.Zero, side.SizeAt(Price.Parse("0.5")));
        Assert.Equal(Size.Parse("20"), side.SizeAt(Price.Parse("0.4")));
        Assert.Equal(Size.Parse("30"), side.SizeAt(Price.Parse("0.6")));
    }

    [Fact]
    public void Set_RemoveBestThenWorst_LeavesMiddle()
    {
        var side = new BookSide(Side.Bid);
        side.Set(Price.Parse("0.1"), Size.Parse("1"));
        side.Set(Price.Parse("0.2"), Size.Parse("2"));
        side.Set(Price.Parse("0.3"), Size.Parse("3"));

        Assert.Equal(LevelChange.Removed, side.Set(Price.Parse("0.3"), Size.Zero));
        Assert.Equal(LevelChange.Removed, side.Set(Price.Parse("0.1"), Size.Zero));

        Assert.Equal(["0.2"], Prices(side.WireOrder));
        Assert.Equal(Size.Parse("2"), side.SizeAt(Price.Parse("0.2")));
    }

    // The hash needs the text the venue last sent for a level, so an update replaces the decimals too.
    [Fact]
    public void Set_UpdateWithOtherDecimals_KeepsLatestText()
    {
        var side = new BookSide(Side.Ask);
        side.Set(Price.Parse("0.5"), Size.Parse("7.52"));

        side.Set(Price.Parse("0.500"), Size.Parse("7.520"));

        var level = Assert.Single(side.WireOrder.ToArray());
        Assert.Equal("0.500", level.Price.ToString());
        Assert.Equal("7.520", level.Size.ToString());
        Assert.Equal("0.500@7.520", level.ToString());
    }

    [Fact]
    public void EmptySide_Queries_ReportNothing()
    {
        var side = new BookSide(Side.Ask);

        Assert.True(side.IsEmpty);
        Assert.False(side.TryGetBest(out _));
        Assert.True(side.BestPrice.IsEmpty);
        Assert.Equal(Size.Zero, side.SizeAt(Price.Parse("0.5")));
        Assert.Throws<ArgumentOutOfRangeException>(() => side.FromBest(0));
    }

    [Fact]
    public void FromBest_OutOfRange_Throws()
    {
        var side = new BookSide(Side.Bid);
        side.Set(Price.Parse("0.5"), Size.Parse("1"));

        Assert.Throws<ArgumentOutOfRangeException>(() => side.FromBest(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => side.FromBest(1));
    }

    [Fact]
    public void Clear_AfterLevels_EmptiesAndAcceptsNewLevels()
    {
        var side = new BookSide(Side.Bid);
        side.Set(Price.Parse("0.5"), Size.Parse("1"));
        side.Set(Price.Parse("0.6"), Size.Parse("1"));

        side.Clear();

        Assert.Equal(0, side.Count);
        Assert.Equal(Size.Zero, side.SizeAt(Price.Parse("0.5")));
        Assert.Equal(LevelChange.Added, side.Set(Price.Parse("0.4"), Size.Parse("1")));
        Assert.Equal("0.4", side.BestPrice.ToString());
    }

    // Far past the initial capacity of 32, inserted in shuffled order so growth happens mid-array too.
    [Theory]
    [InlineData(Side.Bid)]
    [InlineData(Side.Ask)]
    public void Set_NineHundredNinetyNineLevels_GrowsAndStaysSorted(Side which)
    {
        var side = new BookSide(which);
        var units = Enumerable.Range(1, 999).Select(i => i * 10).ToArray();
        new Random(11).Shuffle(units);

        foreach (var u in units)
        {
            Assert.Equal(LevelChange.Added, side.Set(Price.FromUnits(u), Size.FromUnits(u)));
        }

        Assert.Equal(999, side.Count);
        var wire = side.WireOrder;
        for (var i = 1; i < wire.Length; i++)
        {
            Assert.True(which == Side.Bid ? wire[i - 1].PriceUnits < wire[i].PriceUnits : wire[i - 1].PriceUnits > wire[i].PriceUnits);
        }

        Assert.Equal(which == Side.Bid ? 9990 : 10, side.BestPrice.Units);
        foreach (var u in units)
        {
            Assert.Equal(u, side.SizeAt(Price.FromUnits(u)).Units);
        }
    }

    private static string[] Prices(ReadOnlySpan<BookLevel> levels)
    {
        var prices = new string[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            prices[i] = levels[i].Price.ToString();
        }

        return prices;
    }
}
