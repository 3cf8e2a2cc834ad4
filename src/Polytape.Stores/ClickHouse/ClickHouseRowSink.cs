using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>Rows as RowBinary for the column types of <see cref="ClickHouseSchema"/>: decimals are their fixed-point units.</summary>
internal sealed class ClickHouseRowSink(RowBinaryWriter writer) : IRowSink
{
    /// <summary>Text columns per row that keep their last value's UTF-8 bytes (market and asset ids come first).</summary>
    private const int MemoColumns = 4;

    /// <summary>
    /// Per text column, the last string written and its UTF-8 bytes: the normaliser hands out one instance per id, and
    /// consecutive rows mostly repeat it (a book's levels, a price change's rows), so a reference check replaces
    /// transcoding 66- and 77-character ids on every row.
    /// </summary>
    private readonly Utf8Memo[] _memos = [new(), new(), new(), new()];
    private readonly Utf8Labels _labels = new();
    private AssetOrder? _order;
    /// <summary>The asset column's place among the row's <see cref="Text"/> columns; -1 when rows are not reordered.</summary>
    private int _assetText = -1;
    private int _text;

    /// <summary>Tells <paramref name="order"/> where each row starts and its asset (the table's <see cref="Table.AssetColumn"/>); null stops that.</summary>
    /// <returns>Whether rows are tracked: the table has an asset column.</returns>
    public bool TrackAssets(Table table, AssetOrder? order)
    {
        _assetText = order is null ? -1 : table.AssetTextOrdinal;
        _order = _assetText < 0 ? null : order;
        return _order is not null;
    }

    public void BeginRow()
    {
        _text = 0;
        _order?.BeginRow(writer.Length);
    }

    public void Int64(long value) => writer.Int64(value);

    public void Int32(int value) => writer.Int32(value);

    public void NullableInt32(int? value)
    {
        writer.Null(value is null);
        if (value is { } number)
        {
            writer.Int32(number);
        }
    }

    public void ExchangeTime(long milliseconds)
    {
        writer.Null(milliseconds < 0);
        if (milliseconds >= 0)
        {
            writer.Int64(milliseconds);
        }
    }

    public void Text(string value)
    {
        var column = _text++;
        if (_order is not null && column == _assetText)
        {
            _order.Asset(value);
        }

        if (column < MemoColumns)
        {
            writer.String(_memos[column].Utf8(value));
        }
        else
        {
            writer.String(value);
        }
    }

    public void NullableText(string? value)
    {
        writer.Null(value is null);
        if (value is not null)
        {
            writer.String(value);
        }
    }

    public void Label(string value)
    {
        if (_labels.Find(value) is { } utf8)
        {
            writer.String(utf8);
        }
        else
        {
            writer.String(value);
        }
    }

    public void NullableHash(bool hasHash, in BookHash hash)
    {
        writer.Null(!hasHash);
        if (hasHash)
        {
            Span<byte> hex = stackalloc byte[BookHash.HexLength];
            hash.WriteHexUtf8(hex);
            writer.String(hex);
        }
    }

    /// <summary>Decimal(9,4) is an Int32 of 0.0001 units: exactly <see cref="Price.Units"/>.</summary>
    public void Price(Price value)
    {
        writer.Null(value.IsEmpty);
        if (!value.IsEmpty)
        {
            writer.Int32(value.Units);
        }
    }

    /// <summary>Decimal(18,6) is an Int64 of 0.000001 units: exactly <see cref="Size.Units"/>.</summary>
    public void Size(Size value)
    {
        writer.Null(value.IsEmpty);
        if (!value.IsEmpty)
        {
            writer.Int64(value.Units);
        }
    }

    public void Flag(bool? value)
    {
        writer.Null(value is null);
        if (value is { } flag)
        {
            writer.Byte(flag ? (byte)1 : (byte)0);
        }
    }

    public void EndRow()
    {
    }
}
