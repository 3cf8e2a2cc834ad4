using System.Text;
using Polytape.Archive;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;

namespace Polytape.Stores.Tests;

public sealed class RecordNormaliserTests
{
    [Fact]
    public void PriceChange_EachEntryIsALevelChange_AndTheLastEntryPerAssetIsTopOfBook()
    {
        var batch = Normalise(ArchiveRecordKind.Ws, """{"market":"0xabc","price_changes":[{"asset_id":"1001","price":"0.49","size":"20","side":"BUY","hash":"","best_bid":"0.49","best_ask":"0.52"},{"asset_id":"1002","price":"0.51","size":"0","side":"SELL","hash":"","best_bid":"0.48","best_ask":"0.51"},{"asset_id":"1001","price":"0.53","size":"0","side":"SELL","hash":"","best_bid":"0.49","best_ask":"0.52"}],"timestamp":"1790000000100","event_type":"price_change"}""");

        Assert.Equal(3, batch.LevelChanges.Count);
        var first = batch.LevelChanges[0];
        Assert.Equal(new RowKey(7, 0, 1_790_000_000_000_000, 1_790_000_000_100), first.Key);
        Assert.Equal(("1001", Side.Bid, Price.Parse("0.49"), Size.Parse("20")), (first.AssetId, first.Side, first.Price, first.Size));
        Assert.Equal([1, 2], batch.TopOfBook.Select(row => row.Key.Index));
        Assert.Equal(["1002", "1001"], batch.TopOfBook.Select(row => row.AssetId));
        Assert.Equal(Price.Parse("0.52"), batch.TopOfBook[1].BestAsk);
    }

    [Fact]
    public void Catalog_ReadsKnownFieldsIgnoresUnknownAndLeavesMissingOnesNull()
    {
        var batch = Normalise(ArchiveRecordKind.Catalog, """{"condition_id":"0xabc","question":"Q?","tokens":[{"asset_id":"1001","outcome":"Yes"},{"token_id":1002,"outcome":"No"}],"tick_size":"0.001","min_order_size":5,"neg_risk":true,"surprise":{"a":[1]}}""");

        var market = Assert.Single(batch.Markets);
        Assert.Equal("0xabc", market.ConditionId);
        Assert.Null(market.Slug);
        Assert.Null(market.EndDate);
        Assert.Equal(Price.Parse("0.001"), market.TickSize);
        Assert.Equal(Size.Parse("5"), market.MinOrderSize);
        Assert.True(market.NegRisk);
        Assert.Equal([("1001", "Yes", 0), ("1002", "No", 1)], batch.Outcomes.Select(o => (o.AssetId, o.Outcome, o.OutcomeIndex)));
    }

    [Fact]
    public void Catalog_GammaShape_ReadsTokenIdsFromEncodedArrays()
    {
        var batch = Normalise(ArchiveRecordKind.Catalog, """[{"conditionId":"0xdef","slug":"s","clobTokenIds":"[\"11\", \"12\"]","outcomes":"[\"Up\", \"Down\"]","orderPriceMinTickSize":0.01,"negRisk":false}]""");

        Assert.Equal("0xdef", Assert.Single(batch.Markets).ConditionId);
        Assert.Equal([("11", "Up"), ("12", "Down")], batch.Outcomes.Select(o => (o.AssetId, o.Outcome)));
        Assert.False(batch.Markets[0].NegRisk);
    }

    [Fact]
    public void RecorderPayloads_CatalogAndRemovalAndContinuity_AsTheCollectorWritesThem()
    {
        const string market = """{"condition_id":"0xabc","slug":"btc-updown-5m-1790000000","question":"Up or down?","gamma_id":"123","end_date":"2026-09-21T14:18:20Z","active":true,"closed":false,"accepting_orders":true,"neg_risk":false,"tick_size":"0.01","min_order_size":"5","tokens":[{"asset_id":"11","outcome":"Up"},{"asset_id":"12","outcome":"Down"}]}""";
        var listed = Normalise(ArchiveRecordKind.Catalog, market, "catalog");
        var removed = Normalise(ArchiveRecordKind.Catalog, market[..^1] + ""","reason":"expired"}""", "catalog_removed");
        var continuity = Normalise(ArchiveRecordKind.Continuity, """{"asset":"11","from":"syncing","to":"live","cause":"snapshot","epoch":1,"exchange_ms":-1,"recv_us":1790000000000000}""", "continuity");

        Assert.Equal(("0xabc", "2026-09-21T14:18:20Z", false), (listed.Markets[0].ConditionId, listed.Markets[0].EndDate, listed.Markets[0].NegRisk));
        Assert.Equal(2, listed.Outcomes.Count);
        Assert.Empty(removed.Markets);
        var lifecycle = Assert.Single(removed.Lifecycle);
        Assert.Equal((MarketLifecycleEvent.Removed, "0xabc", "11,12"), (lifecycle.Event, lifecycle.Market, lifecycle.AssetIds));
        var transition = Assert.Single(continuity.Continuity);
        Assert.Equal(("11", "syncing", "live", "snapshot", (int?)1, -1L), (transition.AssetId, transition.FromState, transition.ToState, transition.Cause, transition.Epoch, transition.Key.ExchangeTimeMs));
    }

    [Fact]
    public void Continuity_ToleratesMissingAndUnknownFields()
    {
        var batch = Normalise(ArchiveRecordKind.Continuity, """{"asset":"1001","to":"Live","cause":"Snapshot","at":"2026-09-21T14:13:20.5Z","extra":1}""");

        var row = Assert.Single(batch.Continuity);
        Assert.Equal(("1001", (string?)null, "Live", "Snapshot", (int?)null), (row.AssetId, row.FromState, row.ToState, row.Cause, row.Epoch));
        Assert.Equal(1_790_000_000_500, row.Key.ExchangeTimeMs);
    }

    [Fact]
    public void UnreadablePayloads_AreCountedAndCoveredWithoutRows()
    {
        var normaliser = new RecordNormaliser();
        var batch = new RowBatch();
        normaliser.Add(Record(1, ArchiveRecordKind.Continuity, "not json"), batch);
        normaliser.Add(Record(2, ArchiveRecordKind.Catalog, """{"slug":"no id"}"""), batch);
        normaliser.Add(Record(3, ArchiveRecordKind.Ws, """{"event_type":"price_change","price_changes":[{"side":"SIDEWAYS"}]}"""), batch);
        normaliser.Add(Record(4, ArchiveRecordKind.Ws, "PONG"), batch);

        Assert.Equal(2, normaliser.UnreadableRecords);
        Assert.Equal(1, normaliser.MalformedFrames);
        Assert.Equal((1, 4, 4), (batch.FirstSequence, batch.LastSequence, batch.Records));
        Assert.Equal(0, batch.RowCount);
    }

    private static RowBatch Normalise(ArchiveRecordKind kind, string payload, string? eventType = null)
    {
        var batch = new RowBatch();
        new RecordNormaliser().Add(Record(7, kind, payload, eventType), batch);
        return batch;
    }

    private static ArchiveRecord Record(long sequence, ArchiveRecordKind kind, string payload, string? eventType = null) => new()
    {
        Sequence = sequence,
        Kind = kind,
        EventType = eventType,
        ReceivedAtMicros = 1_790_000_000_000_000,
        Payload = Encoding.UTF8.GetBytes(payload),
    };
}
