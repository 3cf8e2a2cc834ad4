using System.Buffers.Binary;
using Polytape.Domain.Numerics;
using Polytape.Stores.ClickHouse;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Tests;

/// <summary>Rows are sent in the tables' ORDER BY order (asset key first), so the server need not sort each block.</summary>
public sealed class ClickHouseRowOrderTests
{
    [Fact]
    public void TopOfBookRows_GoOutByAssetKey_KeepingBatchOrderWithinAnAsset()
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

        // By the assets' keys; within an asset, sequences as in the batch.
        var rows = new Dictionary<string, long[]> { ["10"] = [101, 104], ["2"] = [103], ["9"] = [100, 102, 105] };
        Assert.Equal(
            rows.OrderBy(asset => SipHash.Hash64(asset.Key)).SelectMany(asset => asset.Value.Select(sequence => (SipHash.Hash64(asset.Key), sequence))),
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

        var rows = new Dictionary<string, long[]> { ["10"] = [202, 203, 204, 208], ["2"] = [206, 207], ["9"] = [200, 201, 205] };
        Assert.Equal(
            rows.OrderBy(asset => SipHash.Hash64(asset.Key)).SelectMany(asset => asset.Value.Select(sequence => (SipHash.Hash64(asset.Key), sequence))),
            ReadTopOfBook(sorted.Written.Span));
    }

    /// <summary>The batch's top-of-book rows as written, and as sent: grouped by asset.</summary>
    private static (RowBinaryWriter Unsorted, RowBinaryWriter Sorted) WriteSorted(RowBatch batch)
    {
        var unsorted = new RowBinaryWriter();
        var sorted = new RowBinaryWriter();
        var order = new AssetOrder();
        var keys = new IdKeys();
        var sink = new ClickHouseRowSink(unsorted, keys);
        Assert.True(sink.Begin(StoreTables.TopOfBook, order));
        StoreTables.TopOfBook.Write(batch, sink);
        order.CopySorted(unsorted.Written.Span, sorted.Reserve(order.RowBytes(unsorted.Written.Span)), keys.KeyOf);
        return (unsorted, sorted);
    }

    [Fact]
    public void TablesWithoutAnAssetColumn_AreNotTracked()
    {
        var sink = new ClickHouseRowSink(new RowBinaryWriter(), new IdKeys());

        Assert.False(sink.Begin(StoreTables.Markets, new AssetOrder()));
    }

    /// <summary>(asset_key, sequence) of each top_of_book RowBinary row.</summary>
    private static List<(ulong, long)> ReadTopOfBook(ReadOnlySpan<byte> body)
    {
        var rows = new List<(ulong, long)>();
        while (!body.IsEmpty)
        {
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(body);
            body = body[(8 + 4 + 8)..]; // sequence, idx, received_us
            body = body[(body[0] == 1 ? 1 : 9)..]; // exchange_ms: Nullable(Int64)
            var asset = BinaryPrimitives.ReadUInt64LittleEndian(body); // asset_key: UInt64
            body = body[8..];
            body = body[(body[0] == 1 ? 1 : 5)..]; // best_bid: Nullable(Decimal(9,4))
            body = body[(body[0] == 1 ? 1 : 5)..]; // best_ask
            var length = body[0]; // source: String
            body = body[(1 + length)..];
            rows.Add((asset, sequence));
        }

        return rows;
    }
}
