using System.Text;
using Polytape.Archive;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;

namespace Polytape.Stores.Tests;

public sealed class RowBatchSparesTests
{
    private const string PriceChange = """{"market":"0xabc","price_changes":[{"asset_id":"1001","price":"0.49","size":"20","side":"BUY","hash":"","best_bid":"0.49","best_ask":"0.52"}],"timestamp":"1790000000100","event_type":"price_change"}""";
    private const string Book = """{"event_type":"book","market":"0xabc","asset_id":"1001","timestamp":"1790000000200","hash":"","bids":[{"price":"0.48","size":"5"}],"asks":[{"price":"0.52","size":"7"}]}""";

    [Fact]
    public void A_returned_batch_is_rented_again_empty_and_covers_lower_sequences()
    {
        var spares = new RowBatchSpares();
        var batch = Filled(spares.Rent(), 100, 101);

        spares.Return(batch);
        var again = spares.Rent();

        Assert.Same(batch, again);
        Assert.Equal((0, 0L, 0L, 0L), (again.Records, again.RowCount, again.FirstSequence, again.LastSequence));
        Assert.Equal((long.MaxValue, long.MinValue), (again.MinReceivedMicros, again.MaxReceivedMicros));
        Assert.All(Lists(again), count => Assert.Equal(0, count));
        again.Cover(5, 1_000);
        Assert.Equal((5L, 5L, 1), (again.FirstSequence, again.LastSequence, again.Records));
    }

    [Fact]
    public void A_reused_batch_gets_the_same_rows_as_a_fresh_one()
    {
        var spares = new RowBatchSpares();
        spares.Return(Filled(new RowBatch(), 100, 101, 102, 103));

        var reused = Filled(spares.Rent(), 7, 8);
        var fresh = Filled(new RowBatch(), 7, 8);

        Assert.Equal(fresh.LevelChanges, reused.LevelChanges);
        Assert.Equal(fresh.TopOfBook, reused.TopOfBook);
        Assert.Equal(Describe(fresh), Describe(reused));
    }

    [Fact]
    public void At_most_capacity_batches_are_kept_and_each_once()
    {
        var spares = new RowBatchSpares(capacity: 2);
        var first = new RowBatch();
        var second = new RowBatch();

        spares.Return(first);
        spares.Return(first);
        Assert.Equal(1, spares.Count);
        spares.Return(second);
        spares.Return(new RowBatch());
        Assert.Equal(2, spares.Count);

        var rented = new[] { spares.Rent(), spares.Rent(), spares.Rent() };
        Assert.Equal(3, rented.Distinct().Count());
        Assert.Contains(first, rented);
        Assert.Contains(second, rented);
        Assert.Equal(0, spares.Count);
    }

    [Fact]
    public void A_new_batch_is_sized_like_the_last_when_none_is_spare()
    {
        var spares = new RowBatchSpares();
        var full = Filled(new RowBatch(), Enumerable.Range(1, 40).Select(i => (long)i).ToArray());

        var next = spares.Rent(sizedLike: full);

        Assert.NotSame(full, next);
        Assert.True(next.LevelChanges.Capacity >= full.LevelChanges.Count);
    }

    private static RowBatch Filled(RowBatch batch, params long[] sequences)
    {
        var normaliser = new RecordNormaliser();
        foreach (var sequence in sequences)
        {
            normaliser.Add(Record(sequence, sequence % 2 == 0 ? PriceChange : Book), batch);
        }

        Assert.True(batch.RowCount > 0);
        return batch;
    }

    private static int[] Lists(RowBatch batch) =>
    [
        batch.Markets.Count, batch.Outcomes.Count, batch.Snapshots.Count, batch.LevelChanges.Count, batch.TopOfBook.Count,
        batch.Trades.Count, batch.TickSizeChanges.Count, batch.Lifecycle.Count, batch.Continuity.Count,
    ];

    private static string Describe(RowBatch batch) =>
        string.Join(';', batch.Snapshots.Select(row => $"{row.Key} {row.AssetId} {row.Bids.Length} {row.Asks.Length}"))
        + $"|{batch.FirstSequence}-{batch.LastSequence} {batch.Records} {batch.MinReceivedMicros} {batch.MaxReceivedMicros} {batch.RowCount}";

    private static ArchiveRecord Record(long sequence, string payload) => new()
    {
        Sequence = sequence,
        Kind = ArchiveRecordKind.Ws,
        ReceivedAtMicros = 1_790_000_000_000_000 + sequence,
        Payload = Encoding.UTF8.GetBytes(payload),
    };
}
