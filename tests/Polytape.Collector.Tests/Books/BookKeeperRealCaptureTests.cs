using System.Text.Json;
using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Books;

/// <summary>The keeper on real captures: every check SOURCES.md says recomputes must pass through the keeper.</summary>
public sealed class BookKeeperRealCaptureTests
{
    private const string ChainFile = "polypy_book_pricechange_restbook_hash_chain_2025-10.txt";
    private const string GoExcerpt = "unidentified-go-repo_wire_frames_excerpt_2025-12.txt";
    private const string ChainAsset = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
    private const string ChainComplement = "3329029450753225654467003002742946394863848082479209219558348197750220015613";

    [Fact]
    public void HashChain2025_EveryHashAndBestBidAskVerifies_AndRestBooksEqualRebuiltBooks()
    {
        var harness = new KeeperHarness();
        harness.FeedAll(RealData.ReadAllText(ChainFile).Split('\n'));
        harness.Keeper.Flush();

        var asset = harness.Asset(ChainAsset);
        var c = asset.Counters;
        Assert.Equal(3, c.Snapshots);                 // the WS book and two REST books
        Assert.Equal(0, c.SnapshotMismatches);        // each REST book equals the book rebuilt from the deltas
        Assert.Equal(3, c.SnapshotHashChecks);
        Assert.Equal(0, c.SnapshotHashMismatches);
        Assert.Equal(2, c.HashChecks);                // one per price_change
        Assert.Equal(0, c.HashMismatches);
        Assert.Equal(2, c.BboChecks);
        Assert.Equal(0, c.BboMismatches);
        Assert.Equal(2, c.DeltasApplied);
        Assert.Equal(BookHashFormat.V3, asset.HashFormat); // Oct 2025: nine fields, no last_trade_price
        Assert.Equal(ContinuityState.Live, asset.State);
        Assert.Equal("0.33", asset.Book.BestBid.ToString());
        Assert.Equal("0.34", asset.Book.BestAsk.ToString());
        Assert.Equal(Size.Parse("10.11"), asset.Book.Bids.SizeAt(Price.Parse("0.06")));
    }

    [Fact]
    public void HashChain2025_ComplementWithoutSnapshot_StaysSyncingAndSkipsDeltas()
    {
        var harness = new KeeperHarness();
        harness.FeedAll(RealData.ReadAllText(ChainFile).Split('\n'));
        harness.Keeper.Flush();

        var complement = harness.Asset(ChainComplement);
        Assert.Equal(ContinuityState.Syncing, complement.State);
        Assert.Equal(2, complement.Counters.DeltasSkipped);
        Assert.Equal(0, complement.Counters.HashChecks);
        Assert.True(complement.Book.Bids.IsEmpty && complement.Book.Asks.IsEmpty);
    }

    [Fact]
    public void GoExcerpt2025_BooksVerifyWithV4_AndTheNonConsecutivePriceChangeIsFlagged()
    {
        var harness = new KeeperHarness();
        harness.FeedAll(RealData.ReadAllText(GoExcerpt).Split('\n'));
        harness.Keeper.Flush();

        var first = harness.Asset("25245433628208476987364023432306599125597948324625578977436890641930158259698");
        var second = harness.Asset("20168250870314270898487593595943592687458358996170785976290704639743788087191");

        // Both initial books and the post-trade book recompute with last_trade_price "0.500" (SOURCES.md).
        Assert.Equal(BookHashFormat.V4, first.HashFormat);
        Assert.Equal(BookHashFormat.V4, second.HashFormat);
        Assert.Equal(1, first.Counters.SnapshotHashChecks);
        Assert.Equal(0, first.Counters.SnapshotHashMismatches);
        Assert.Equal(2, second.Counters.SnapshotHashChecks);
        Assert.Equal(0, second.Counters.SnapshotHashMismatches);

        // The excerpt's lines are not consecutive: the price_change hashes cannot match, and must be caught.
        Assert.Equal(1, first.Counters.HashMismatches);
        Assert.Equal(ContinuityState.Suspect, first.State);
        Assert.Equal(ContinuityCause.HashMismatch, first.Cause);

        // The later book differs from the book we rebuilt (messages are missing): counted, then it replaces it.
        Assert.Equal(1, second.Counters.HashMismatches);
        Assert.Equal(1, second.Counters.SnapshotMismatches);
        Assert.Equal(ContinuityState.Live, second.State);
        Assert.Equal(
            [ContinuityCause.Snapshot, ContinuityCause.HashMismatch, ContinuityCause.Snapshot],
            harness.Transitions.Where(t => t.AssetId == second.AssetId).Select(t => t.Cause));
    }

    [Theory]
    [InlineData("nautilus_ws_book_2024-10.json", BookHashFormat.V1)]
    [InlineData("nautilus_rest_book_2024-10.json", BookHashFormat.V1)]
    [InlineData("polypy_ws_book_2024-11.json", BookHashFormat.V2)]
    public void SingleBookCaptures_CalibrateTheirEraAndVerify(string file, BookHashFormat expected)
    {
        var harness = new KeeperHarness();
        harness.Feed(RealData.ReadAllText(file));

        var asset = Assert.Single(harness.Keeper.Assets);
        Assert.Equal(expected, asset.HashFormat);
        Assert.Equal(1, asset.Counters.SnapshotHashChecks);
        Assert.Equal(0, asset.Counters.SnapshotHashMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
    }

    [Theory]
    [InlineData("polypy_rest_book_2024-12_a.json")]
    [InlineData("polypy_rest_book_2024-12_b.json")]
    public void PolypyRestBooks_InnerBookVerifiesAsV2(string file)
    {
        using var document = JsonDocument.Parse(RealData.ReadAllText(file));
        var harness = new KeeperHarness();
        harness.Feed(document.RootElement.GetProperty("book").GetRawText());

        var asset = Assert.Single(harness.Keeper.Assets);
        Assert.Equal(BookHashFormat.V2, asset.HashFormat);
        Assert.Equal(0, asset.Counters.SnapshotHashMismatches);
        Assert.Equal(ContinuityState.Live, asset.State);
    }

    [Fact]
    public void FixedHashFormat_WrongEra_IsReportedAsSnapshotHashMismatch()
    {
        var harness = new KeeperHarness(new Collector.Books.BookKeeperOptions { HashFormat = BookHashFormat.V4 });
        harness.Feed(RealData.ReadAllText("nautilus_ws_book_2024-10.json"));

        var asset = Assert.Single(harness.Keeper.Assets);
        Assert.Equal(1, asset.Counters.SnapshotHashMismatches);
        Assert.Equal(ContinuityState.Suspect, asset.State);
        Assert.Equal(ContinuityCause.SnapshotHashMismatch, asset.Cause);
    }
}
