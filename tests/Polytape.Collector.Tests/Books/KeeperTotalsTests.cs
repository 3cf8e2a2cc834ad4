using System.Text;
using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Numerics;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Books;

/// <summary>
/// The keeper's running totals (what the status summary reads) and its set of Suspect assets (what the REST verifier
/// samples first) must equal a walk over every asset, whatever happened: checks that fail, transitions back and
/// forth, assets that never got a snapshot.
/// </summary>
public sealed class KeeperTotalsTests
{
    private static readonly byte[] Asset = Encoding.UTF8.GetBytes(SyntheticMarket.AssetId);

    [Theory]
    [InlineData("polypy_book_pricechange_restbook_hash_chain_2025-10.txt")]
    [InlineData("unidentified-go-repo_wire_frames_excerpt_2025-12.txt")]
    public void RealCaptures_TotalsEqualTheSumOverAssets(string file)
    {
        var harness = new KeeperHarness();
        harness.FeedAll(RealData.ReadAllText(file).Split('\n'));
        harness.Keeper.Flush();

        Assert.True(harness.Keeper.Assets.Count >= 2);
        AssertTotalsEqualTheWalk(harness.Keeper);
    }

    [Fact]
    public void EveryKindOfFailure_IsCountedOnceInTheTotals()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);
        var keeper = harness.Keeper;
        AssertTotalsEqualTheWalk(keeper);

        // Wrong best bid (and so a wrong hash): Live → Suspect.
        harness.Feed(SyntheticMarket.PriceChangeFrame(2_000, market.HashNow(2_000), "0.31", "0.35", (Side.Bid, "0.31", "3")));
        keeper.Flush();
        AssertTotalsEqualTheWalk(keeper);

        // A snapshot that differs from the (wrong) book, then a crossed book, then a reconnect.
        harness.Feed(market.Book(3_000));
        harness.Feed(market.PriceChange(4_000, (Side.Bid, "0.36", "1")));
        keeper.Flush();
        AssertTotalsEqualTheWalk(keeper);
        Assert.Single(keeper.SuspectAssets);
        keeper.MarkSyncing(Asset, ContinuityCause.Disconnected);
        Assert.Empty(keeper.SuspectAssets);
        keeper.RequestResync(Asset);
        AssertTotalsEqualTheWalk(keeper);

        var totals = keeper.Totals;
        Assert.True(totals.BboMismatches >= 1 && totals.HashMismatches >= 1 && totals.SnapshotMismatches >= 1 && totals.CrossedBooks >= 1,
            $"expected every kind of failure once: bbo {totals.BboMismatches}, hash {totals.HashMismatches}, snapshot {totals.SnapshotMismatches}, crossed {totals.CrossedBooks}");
        Assert.Equal(1, totals.AssetsIn(ContinuityState.Resyncing));
    }

    [Fact]
    public void GroupReopenedBeforeACheck_IsCheckedOnceAndInTime()
    {
        var market = new SyntheticMarket();
        var harness = KeeperHarness.WithBookOf(market);

        // The second frame closes the first group on its own and opens another before any periodic check.
        harness.Feed(market.PriceChange(2_000, (Side.Bid, "0.33", "5")));
        harness.Feed(market.PriceChange(3_000, (Side.Bid, "0.3", "0")));
        var asset = harness.Asset(SyntheticMarket.AssetId);
        Assert.Equal(1, asset.Counters.HashChecks);

        harness.Keeper.CheckSettledGroups();
        Assert.Equal(1, asset.Counters.HashChecks);
        harness.Keeper.CheckSettledGroups();
        Assert.Equal(2, asset.Counters.HashChecks);
        harness.Keeper.CheckSettledGroups();
        Assert.Equal(2, asset.Counters.HashChecks);
        Assert.Equal(ContinuityState.Live, asset.State);

        // After a reconnect drops the open group, the asset's next group is still checked.
        harness.Feed(market.PriceChange(4_000, (Side.Ask, "0.36", "9")));
        harness.Keeper.MarkSyncing(Asset, ContinuityCause.Disconnected);
        harness.Feed(market.Book(5_000));
        harness.Feed(market.PriceChange(6_000, (Side.Ask, "0.37", "2")));
        harness.Keeper.CheckSettledGroups();
        harness.Keeper.CheckSettledGroups();
        Assert.Equal(3, asset.Counters.HashChecks);
        Assert.Equal(0, asset.Counters.HashMismatches);
    }

    private static void AssertTotalsEqualTheWalk(BookKeeper keeper)
    {
        var walked = new long[4];
        long bbo = 0, hash = 0, explained = 0, snapshot = 0, snapshotHash = 0, crossed = 0;
        foreach (var asset in keeper.Assets)
        {
            walked[(int)asset.State]++;
            bbo += asset.Counters.BboMismatches;
            hash += asset.Counters.HashMismatches;
            explained += asset.Counters.HashMismatchesExplained;
            snapshot += asset.Counters.SnapshotMismatches;
            snapshotHash += asset.Counters.SnapshotHashMismatches;
            crossed += asset.Counters.CrossedBooks;
        }

        Assert.Equal(
            keeper.Assets.Where(a => a.State == ContinuityState.Suspect).Select(a => a.AssetId).Order(),
            keeper.SuspectAssets.Select(a => a.AssetId).Order());
        var summary = ContinuitySummary.Of(keeper);
        Assert.Equal(
            (walked[0], walked[1], walked[2], walked[3], bbo, hash, explained, snapshot, snapshotHash, crossed),
            ((long)summary.Syncing, (long)summary.Live, (long)summary.Suspect, (long)summary.Resyncing, summary.BboMismatches,
                summary.HashMismatches, summary.HashMismatchesExplained, summary.SnapshotMismatches, summary.SnapshotHashMismatches,
                summary.CrossedBooks));
    }
}
