using Polytape.Domain.Books;
using Polytape.Domain.Continuity;

namespace Polytape.Collector.Tests.Books;

/// <summary>
/// price_change groups: entries of one asset sharing a timestamp carry the post-group hash, even across
/// messages; and the venue's hash may run ahead of the feed (a later change, an unannounced trade price).
/// </summary>
public sealed class BookKeeperGroupTests
{
    [Fact]
    public void SweepAcrossMessages_IsCheckedOnceAfterItsLastMessage()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        // A sweep: two messages with one timestamp, both carrying the final hash and best bid/ask.
        var (first, second) = market.Sweep(2_000);
        harness.Feed(first);
        harness.Feed(second);
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.HashChecks);
        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal(1, asset.Counters.BboChecks);
        Assert.Equal(0, asset.Counters.BboMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
    }

    [Fact]
    public void PeriodicCheckBetweenTheFramesOfASweep_WaitsForTheGroupToSettle()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        var (first, second) = market.Sweep(2_000);

        // A check falls between the sweep's two frames: the group is judged only once nothing joined it between two checks.
        harness.Feed(first);
        harness.Keeper.CheckSettledGroups();
        harness.Feed(second);
        harness.Keeper.CheckSettledGroups();
        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(0, asset.Counters.HashChecks);

        harness.Keeper.CheckSettledGroups();
        Assert.Equal(1, asset.Counters.HashChecks);
        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal(0, asset.Counters.BboMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
    }

    [Fact]
    public void GroupsWithDifferentTimestamps_AreEachChecked()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.33", "5")));
        harness.Feed(market.PriceChange(3_000, (Side.Bid, "0.3", "0")));
        harness.Feed(market.PriceChange(4_000, (Side.Ask, "0.36", "9"), (Side.Ask, "0.35", "0")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(3, asset.Counters.HashChecks);
        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal(4, asset.Counters.DeltasApplied);
        Assert.True(asset.Book.HasSameLevels(market.Truth.Bids.WireOrder, market.Truth.Asks.WireOrder));
    }

    [Fact]
    public void HashAlreadyIncludingTheNextChange_IsAMismatchThenExplained()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        // The first message already carries the hash of the state after the second (as seen live).
        var ahead = market.CopyOfTruth();
        ahead.Set(Side.Bid, Domain.Numerics.Price.Parse("0.33"), Domain.Numerics.Size.Parse("5"));
        ahead.Set(Side.Bid, Domain.Numerics.Price.Parse("0.34"), Domain.Numerics.Size.Parse("1"));
        var hashAfterBoth = market.HashOf(ahead, 2_001, market.LastTradePrice);
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, hashAfterBoth, "0.33", "0.35", (Side.Bid, "0.33", "5")));
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_001, hashAfterBoth, "0.34", "0.35", (Side.Bid, "0.34", "1")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(2, asset.Counters.HashChecks);
        Assert.Equal(1, asset.Counters.HashMismatches);
        Assert.Equal(1, asset.Counters.HashMismatchesExplained);
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal(ContinuityCause.HashVerified, asset.Cause);
        Assert.Equal(
            [ContinuityCause.Snapshot, ContinuityCause.HashMismatch, ContinuityCause.HashVerified],
            harness.Transitions.Select(t => t.Cause));
    }

    [Fact]
    public void HashIncludingAnUnannouncedTrade_IsExplainedWhenTheTradeArrives()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        // The venue hashes the new trade price before it sends last_trade_price.
        market.Truth.Set(Side.Ask, Domain.Numerics.Price.Parse("0.35"), Domain.Numerics.Size.Parse("30"));
        var hashWithTrade = market.HashNow(2_000, lastTradePrice: "0.350");
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, hashWithTrade, "0.32", "0.35", (Side.Ask, "0.35", "30")));
        harness.Keeper.Flush();
        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.HashMismatches);
        Assert.Equal(ContinuityState.Suspect, asset.State);

        harness.Feed(SyntheticMarket.Trade(2_000, "0.35"));

        Assert.Equal(1, asset.Counters.HashMismatchesExplained);
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal("0.350", asset.LastTradePrice.ToString()); // written in the books' three-decimal style
    }

    [Fact]
    public void TradeAnnouncedBeforeTheGroupCloses_IsHashedWithEitherPrice()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        // The group's hash predates the trade, but the trade arrives before the group is checked.
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.31", "3")));
        harness.Feed(SyntheticMarket.Trade(2_000, "0.4"));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.HashChecks);
        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal("0.400", asset.LastTradePrice.ToString());
    }

    [Fact]
    public void HashVerificationDisabled_ChecksOnlyBestBidAsk()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market, new Collector.Books.BookKeeperOptions { VerifyHashes = false });
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, new string('0', 40), "0.32", "0.35", (Side.Bid, "0.31", "3")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(0, asset.Counters.HashChecks);
        Assert.Equal(1, asset.Counters.BboChecks);
        Assert.Equal(ContinuityState.Live, asset.State);
    }
}
