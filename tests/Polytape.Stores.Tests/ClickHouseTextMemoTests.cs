using System.Text;
using Polytape.Domain.Numerics;
using Polytape.Stores.ClickHouse;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Tests;

/// <summary>The sink keeps each text column's last UTF-8 bytes per string instance; the body must not change for it.</summary>
public sealed class ClickHouseTextMemoTests
{
    [Fact]
    public void Utf8Memo_GivesEachStringsOwnBytes_WhetherTheInstanceRepeatsOrNot()
    {
        var memo = new Utf8Memo();
        var first = "0xabc";
        var longer = new string('7', 300) + "é";

        Assert.Equal("0xabc"u8.ToArray(), memo.Utf8(first).ToArray());
        Assert.Equal("0xabc"u8.ToArray(), memo.Utf8(first).ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(longer), memo.Utf8(longer).ToArray());
        Assert.Equal("0xabd"u8.ToArray(), memo.Utf8(new string("0xabd".AsSpan())).ToArray());
        Assert.Equal("0xabc"u8.ToArray(), memo.Utf8(first).ToArray());
    }

    [Fact]
    public void Utf8Labels_KeepTheFirstInstances_ThenLeaveTheRestToTheCaller()
    {
        var labels = new Utf8Labels();
        var kept = Enumerable.Range(0, 16).Select(i => "label" + i).ToArray();
        foreach (var label in kept)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(label), labels.Find(label));
        }

        Assert.Same(labels.Find(kept[3]), labels.Find(kept[3]));
        Assert.Equal("label3"u8.ToArray(), labels.Find(kept[3]));
        Assert.Null(labels.Find("one more"));
    }

    [Fact]
    public void RowsRepeatingAnIdInstance_EncodeAsWithFreshInstances()
    {
        var market = new string('m', 66);
        var assetA = new string('1', 77);
        var assetB = new string('2', 77);
        var shared = new RowBatch();
        var fresh = new RowBatch();
        (string Market, string Asset)[] rows = [(market, assetA), (market, assetA), (market, assetB), ("other", assetB), (market, assetA)];
        for (var i = 0; i < rows.Length; i++)
        {
            var key = new RowKey(10 + i, 0, 1_000 + i, 5);
            shared.TopOfBook.Add(new TopOfBookRow(key, rows[i].Asset, Price.FromUnits(5_000 + i), Price.Empty, TopOfBookSource.Book));
            fresh.TopOfBook.Add(new TopOfBookRow(key, new string(rows[i].Asset.AsSpan()), Price.FromUnits(5_000 + i), Price.Empty, TopOfBookSource.Book));
            shared.Trades.Add(new TradeRow(key, rows[i].Market, rows[i].Asset, Price.FromUnits(4_000), Size.FromUnits(i), Domain.Books.Side.Bid, 0, null));
            fresh.Trades.Add(new TradeRow(key, new string(rows[i].Market.AsSpan()), new string(rows[i].Asset.AsSpan()), Price.FromUnits(4_000), Size.FromUnits(i), Domain.Books.Side.Bid, 0, null));
        }

        foreach (var table in new[] { StoreTables.TopOfBook, StoreTables.Trades })
        {
            Assert.Equal(Body(table, fresh), Body(table, shared));
        }
    }

    private static byte[] Body(Table table, RowBatch batch)
    {
        var writer = new RowBinaryWriter();
        var sink = new ClickHouseRowSink(writer, new IdKeys());
        sink.Begin(table, null);
        table.Write(batch, sink);
        return writer.Written.ToArray();
    }
}
