using System.Text;
using Polytape.Collector.Books;
using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Tests.Books;

/// <summary>Continuity rules: when deltas apply, and how each integrity failure is classified.</summary>
public sealed class BookKeeperContinuityTests
{
    private static readonly byte[] Asset = Encoding.UTF8.GetBytes(SyntheticMarket.AssetId);

    [Fact]
    public void DeltasBeforeTheFirstSnapshot_AreSkippedAndNotChecked()
    {
        var market = new SyntheticMarket();
        var harness = new KeeperHarness();
        harness.Feed(market.PriceChange(500, (Side.Bid, "0.31", "3")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(ContinuityState.Syncing, asset.State);
        Assert.Equal(1, asset.Counters.DeltasSkipped);
        Assert.Equal(0, asset.Counters.DeltasApplied);
        Assert.Equal(0, asset.Counters.HashChecks + asset.Counters.BboChecks);
        Assert.Empty(harness.Transitions);
    }

    [Fact]
    public void Snapshot_MakesTheAssetLiveWithTheSnapshotsLevels()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal(1, asset.Epoch);
        Assert.True(asset.Book.HasSameLevels(market.Truth.Bids.WireOrder, market.Truth.Asks.WireOrder));
        var transition = Assert.Single(harness.Transitions);
        Assert.Equal((ContinuityState.Syncing, ContinuityState.Live, ContinuityCause.Snapshot, 1_000L),
            (transition.From, transition.To, transition.Cause, transition.ExchangeTimestampMs));
    }

    [Fact]
    public void WrongBestBid_IsClassifiedAndMarksSuspect()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        market.Truth.Set(Side.Bid, Price.Parse("0.31"), Size.Parse("3"));
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, market.HashNow(2_000), "0.31", "0.35", (Side.Bid, "0.31", "3")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.BboMismatches);
        Assert.Equal(ContinuityState.Suspect, asset.State);
        Assert.Equal(ContinuityCause.BestBidMismatch, asset.Cause);
    }

    [Fact]
    public void WrongBestAsk_IsClassifiedAndMarksSuspect()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market, new BookKeeperOptions { VerifyHashes = false });
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, market.HashNow(2_000), "0.32", "0.4", (Side.Bid, "0.31", "3")));
        harness.Keeper.Flush();

        Assert.Equal(ContinuityCause.BestAskMismatch, harness.Asset(SyntheticMarket.AssetId).Cause);
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("", "")]
    public void EmptiedBook_MatchesEitherWayTheVenueReportsEmptySides(string bestBid, string bestAsk)
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        foreach (var level in market.Truth.Bids.WireOrder.ToArray())
        {
            market.Truth.Set(Side.Bid, level.Price, Size.Zero);
        }

        foreach (var level in market.Truth.Asks.WireOrder.ToArray())
        {
            market.Truth.Set(Side.Ask, level.Price, Size.Zero);
        }

        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, market.HashNow(2_000), bestBid, bestAsk,
            (Side.Bid, "0.3", "0"), (Side.Bid, "0.32", "0"), (Side.Ask, "0.35", "0"), (Side.Ask, "0.4", "0")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(0, asset.Counters.BboMismatches);
        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
    }

    [Fact]
    public void CrossedBook_IsClassifiedAndMarksSuspect()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.36", "1")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.CrossedBooks);
        Assert.Equal(ContinuityCause.CrossedBook, asset.Cause);
        Assert.Equal(ContinuityState.Suspect, asset.State);
    }

    [Fact]
    public void SnapshotThatDiffersFromTheLiveBook_IsCountedAndReplacesIt()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        market.Truth.Set(Side.Bid, Price.Parse("0.2"), Size.Parse("50")); // a change we never received
        harness.Feed(market.Book(2_000));

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.SnapshotMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal(2, asset.Epoch);
        Assert.Equal(Size.Parse("50"), asset.Book.Bids.SizeAt(Price.Parse("0.2")));
        Assert.Equal(
            [ContinuityCause.Snapshot, ContinuityCause.SnapshotMismatch, ContinuityCause.Snapshot],
            harness.Transitions.Select(t => t.Cause));
    }

    [Fact]
    public void IdenticalSnapshot_IsNotAMismatch()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Feed(market.PriceChange(1_500, (Side.Ask, "0.37", "4")));
        harness.Feed(market.Book(2_000));

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(0, asset.Counters.SnapshotMismatches);
        Assert.Single(harness.Transitions);
    }

    [Fact]
    public void TickSizeChange_MarksSuspectUntilAHashWithTheNewTickVerifies()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        market.TickSize = "0.001";
        harness.Feed(SyntheticMarket.TickSizeChange(1_500, "0.01", "0.001"));

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(ContinuityState.Suspect, asset.State);
        Assert.Equal(ContinuityCause.TickSizeChanged, asset.Cause);
        Assert.Equal(2, asset.Epoch);

        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.321", "8")));
        harness.Keeper.Flush();

        Assert.Equal(0, asset.Counters.HashMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal(ContinuityCause.HashVerified, asset.Cause);
    }

    [Fact]
    public void MarkSyncing_DropsTheBookAndWaitsForASnapshot()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Keeper.MarkSyncing(Asset, ContinuityCause.Reconnected);
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.31", "3")));
        harness.Keeper.Flush();

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(ContinuityState.Syncing, asset.State);
        Assert.Equal(ContinuityCause.Reconnected, asset.Cause);
        Assert.True(asset.Book.Bids.IsEmpty);
        Assert.Equal(1, asset.Counters.DeltasSkipped);
    }

    [Fact]
    public void RequestResync_HoldsDeltasUntilTheNextSnapshot()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Keeper.RequestResync(Asset);
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.31", "3")));
        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(ContinuityState.Resyncing, asset.State);
        Assert.Equal(1, asset.Counters.DeltasSkipped);

        harness.Feed(market.Book(3_000));

        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.True(asset.Book.HasSameLevels(market.Truth.Bids.WireOrder, market.Truth.Asks.WireOrder));
    }

    [Fact]
    public void MarketResolved_MarksItsAssetsResolved()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        harness.Feed(
            $"{{\"id\":\"1\",\"market\":\"{SyntheticMarket.MarketId}\",\"assets_ids\":[\"{SyntheticMarket.AssetId}\",\"1\"]," +
            $"\"winning_asset_id\":\"{SyntheticMarket.AssetId}\",\"winning_outcome\":\"Yes\",\"event_message\":null," +
            "\"timestamp\":\"5000\",\"event_type\":\"market_resolved\",\"tags\":[\"Crypto\"]}");

        Assert.True(harness.Asset(SyntheticMarket.AssetId).IsResolved);
        Assert.Equal(1, harness.Keeper.ResolvedMarketNotices);
    }

    [Fact]
    public void MetadataFromTheCatalog_EntersTheHash()
    {
        var market = new SyntheticMarket();
        var harness = new KeeperHarness(new BookKeeperOptions { HashFormat = Domain.Hashing.BookHashFormat.V4 });
        harness.Keeper.SetMetadata(Asset, new AssetMetadata(Size.Parse("15"), Price.Empty, NegRisk: null));
        harness.Feed(market.Book(1_000)); // hashed by the synthetic market with min_order_size 5

        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.SnapshotHashMismatches);
        Assert.Equal(Size.Parse("15"), asset.Metadata.MinOrderSize);
    }
}
