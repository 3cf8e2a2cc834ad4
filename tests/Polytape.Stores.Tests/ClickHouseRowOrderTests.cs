using System.Buffers.Binary;
using System.Text;
using Polytape.Domain.Numerics;
using Polytape.Stores.ClickHouse;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Tests;

/// <summary>Rows are sent in the tables' ORDER BY order (asset first), so the server need not sort each block.</summary>
public sealed class ClickHouseRowOrderTests
{
    [Fact]
    public void TopOfBookRows_GoOutByAssetIdBytes_KeepingBatchOrderWithinAnAsset()
    {
        var batch = new RowBatch();
        string[] assets = ["9", "10", "9", "2", "10", "9"];
        for (var i = 0; i < assets.Length; i++)
        {
            // A fresh string per row, as parsed ids are: equal ids must share a bucket by value, not by reference.
            var id = new string(assets[i].AsSpan());
            batch.TopOfBook.Add(new TopOfBookRow(new RowKey(100 + i, 0, 1_000 + i, i % 2 == 0 ? -1 : 5), id, Price.FromUnits(5_000), Price.Empty, TopOfBookSource.Book));
        }

        var (unsorted, sorted) = WriteSorted(batch);

        // Ordinal byte order: "10" < "2" < "9"; within an asset, sequences as in the batch.
        Assert.Equal(
            [("10", 101L), ("10", 104L), ("2", 103L), ("9", 100L), ("9", 102L), ("9", 105L)],
            ReadTopOfBook(sorted.Written.Span));
        Assert.Equal(unsorted.Length, sorted.Length);
    }

    [Fact]
    public void RunsOfOneAsset_AreCopiedWhole_AndStillSortedByAsset()
    {
        var batch = new RowBatch();
        string[] assets = ["9", "9", "10", "10", "10", "9", "2", "2", "10"];
        for (var i = 0; i < assets.Length; i++)
        {
            batch.TopOfBook.Add(new TopOfBookRow(new RowKey(200 + i, 0, 2_000 + i, 5), assets[i], Price.FromUnits(5_000), Price.Empty, TopOfBookSource.Book));
        }

        var (_, sorted) = WriteSorted(batch);

        Assert.Equal(
            [("10", 202L), ("10", 203L), ("10", 204L), ("10", 208L), ("2", 206L), ("2", 207L), ("9", 200L), ("9", 201L), ("9", 205L)],
            ReadTopOfBook(sorted.Written.Span));
    }

    /// <summary>The batch's top-of-book rows as written, and as sent: grouped by asset.</summary>
    private static (RowBinaryWriter Unsorted, RowBinaryWriter Sorted) WriteSorted(RowBatch batch)
    {
        var unsorted = new RowBinaryWriter();
        var sorted = new RowBinaryWriter();
        var order = new AssetOrder();
        var sink = new ClickHouseRowSink(unsorted);
        Assert.True(sink.TrackAssets(StoreTables.TopOfBook, order));
        StoreTables.TopOfBook.Write(batch, sink);
        order.CopySorted(unsorted.Written.Span, sorted.Reserve(order.RowBytes(unsorted.Written.Span)));
        return (unsorted, sorted);
    }

    [Fact]
    public void TablesWithoutAnAssetColumn_AreNotTracked()
    {
        var sink = new ClickHouseRowSink(new RowBinaryWriter());

        Assert.False(sink.TrackAssets(StoreTables.Markets, new AssetOrder()));
    }

    /// <summary>(asset_id, sequence) of each top_of_book RowBinary row.</summary>
    private static List<(string, long)> ReadTopOfBook(ReadOnlySpan<byte> body)
    {
        var rows = new List<(string, long)>();
        while (!body.IsEmpty)
        {
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(body);
            body = body[(8 + 4 + 8)..]; // sequence, idx, received_us
            body = body[(body[0] == 1 ? 1 : 9)..]; // exchange_ms: Nullable(Int64)
            var length = body[0]; // ids here are shorter than 128 bytes: a one-byte length
            var asset = Encoding.UTF8.GetString(body.Slice(1, length));
            body = body[(1 + length)..];
            body = body[(body[0] == 1 ? 1 : 5)..]; // best_bid: Nullable(Decimal(9,4))
            body = body[(body[0] == 1 ? 1 : 5)..]; // best_ask
            length = body[0]; // source: String
            body = body[(1 + length)..];
            rows.Add((asset, sequence));
        }

        return rows;
    }
}
