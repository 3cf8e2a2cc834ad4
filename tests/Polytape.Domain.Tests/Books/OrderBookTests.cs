using Polytape.Domain.Books;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Books;

public sealed class OrderBookTests
{
    private static readonly AssetId Token =
        AssetId.Parse("94022367472047775158269173293876979533288470167463650966689320774843018181757");

    [Fact]
    public void IsCrossed_BySpread_TrueOnlyWhenBidReachesAsk()
    {
        var book = new OrderBook(Token);
        Assert.False(book.IsCrossed);

        book.Set(Side.Bid, Price.Parse("0.5"), Size.Parse("1"));
        Assert.False(book.IsCrossed);

        book.Set(Side.Ask, Price.Parse("0.51"), Size.Parse("1"));
        Assert.False(book.IsCrossed);

        book.Set(Side.Ask, Price.Parse("0.50"), Size.Parse("1"));
        Assert.True(book.IsCrossed);

        book.Set(Side.Ask, Price.Parse("0.5"), Size.Zero);
        book.Set(Side.Bid, Price.Parse("0.52"), Size.Parse("1"));
        Assert.True(book.IsCrossed);

        book.Set(Side.Bid, Price.Parse("0.52"), Size.Zero);
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void Replace_UnsortedWithZeroSizes_ClearsThenAddsNonZeroLevels()
    {
        var book = new OrderBook(Token);
        book.Set(Side.Bid, Price.Parse("0.2"), Size.Parse("99"));
        book.Set(Side.Ask, Price.Parse("0.9"), Size.Parse("99"));

        book.Replace(
            [Level("0.3", "5"), Level("0.1", "0"), Level("0.32", "7.52"), Level("0.01", "110000")],
            [Level("0.4", "1"), Level("0.99", "26.96"), Level("0.34", "0"), Level("0.35", "914.14")]);

        Assert.Equal(Token, book.AssetId);
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(3, book.Asks.Count);
        Assert.Equal(Size.Zero, book.Bids.SizeAt(Price.Parse("0.2")));
        Assert.Equal(Size.Zero, book.Asks.SizeAt(Price.Parse("0.9")));
        Assert.Equal("0.32", book.BestBid.ToString());
        Assert.Equal("0.35", book.BestAsk.ToString());
        Assert.Equal(Size.Parse("7.52"), book.Bids.FromBest(0).Size);
        Assert.Equal("0.01", book.Bids.WireOrder[0].Price.ToString());
        Assert.Equal("0.99", book.Asks.WireOrder[0].Price.ToString());
    }

    [Fact]
    public void Clear_AnyBook_EmptiesBothSides()
    {
        var book = new OrderBook(Token);
        book.Set(Side.Bid, Price.Parse("0.2"), Size.Parse("1"));
        book.Set(Side.Ask, Price.Parse("0.3"), Size.Parse("1"));

        book.Clear();

        Assert.True(book.Bids.IsEmpty && book.Asks.IsEmpty);
        Assert.True(book.BestBid.IsEmpty);
        Assert.True(book.BestAsk.IsEmpty);
    }

    [Fact]
    public void SideOf_EachSide_ReturnsThatSide()
    {
        var book = new OrderBook(Token);

        Assert.Same(book.Bids, book.SideOf(Side.Bid));
        Assert.Same(book.Asks, book.SideOf(Side.Ask));
        Assert.Equal(Side.Bid, book.Bids.Side);
        Assert.Equal(Side.Ask, book.Asks.Side);
    }

    [Fact]
    public void HasSameLevels_SameContentAnyOrderWithZeroLevels_True()
    {
        var book = Sample();

        Assert.True(book.HasSameLevels(
            [Level("0.32", "7.52"), Level("0.01", "110000"), Level("0.3", "5")],
            [Level("0.34", "914.14"), Level("0.5", "0"), Level("0.99", "26.96")]));

        // Numeric comparison: other decimal spellings of the same values still match.
        Assert.True(book.HasSameLevels(
            [Level("0.010", "110000.00"), Level("0.30", "5"), Level("0.32", "7.520")],
            [Level("0.99", "26.96"), Level("0.340", "914.14")]));
    }

    [Fact]
    public void HasSameLevels_OneSizeDiffers_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "5"), Level("0.32", "7.53")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void HasSameLevels_ExtraLevel_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "5"), Level("0.32", "7.52"), Level("0.33", "1")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void HasSameLevels_MissingLevel_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.32", "7.52")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void HasSameLevels_LevelMovedToOtherPrice_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "5"), Level("0.31", "7.52")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void HasSameLevels_LevelOnOtherSide_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "5")],
            [Level("0.99", "26.96"), Level("0.34", "914.14"), Level("0.32", "7.52")]));

    [Fact]
    public void HasSameLevels_EmptyBookAndEmptyInput_True() =>
        Assert.True(new OrderBook(Token).HasSameLevels([], [Level("0.5", "0")]));

    [Fact]
    public void HasSameLevels_RepeatedPriceHidingAMissingLevel_False() =>
        Assert.False(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "5"), Level("0.3", "5")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void HasSameLevels_RepeatedPriceLastSizeWins_LikeReplace() =>
        Assert.True(Sample().HasSameLevels(
            [Level("0.01", "110000"), Level("0.3", "1"), Level("0.32", "7.52"), Level("0.3", "5")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]));

    [Fact]
    public void Set_EmptySize_IsRejectedRatherThanStoredAsALevel() =>
        Assert.Throws<ArgumentException>(() => new OrderBook(Token).Set(Side.Bid, Price.Parse("0.5"), Size.Empty));

    private static OrderBook Sample()
    {
        var book = new OrderBook(Token);
        book.Replace(
            [Level("0.01", "110000"), Level("0.3", "5"), Level("0.32", "7.52")],
            [Level("0.99", "26.96"), Level("0.34", "914.14")]);
        return book;
    }

    private static BookLevel Level(string price, string size) => new(Price.Parse(price), Size.Parse(size));
}
