using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// Rows as RowBinary for the column types of <see cref="ClickHouseSchema"/>: decimals are their fixed-point units, ids
/// in keyed columns their <see cref="IdKeys"/> key, book hashes their 20 bytes.
/// </summary>
internal sealed class ClickHouseRowSink(RowBinaryWriter writer, IdKeys keys) : IRowSink
{
    /// <summary>Text columns per row that keep their last value's UTF-8 bytes (market and asset ids come first).</summary>
    private const int MemoColumns = 4;

    /// <summary>
    /// Per text column, the last string written and its UTF-8 bytes: the normaliser hands out one instance per id, and
    /// consecutive rows mostly repeat it (a book's levels, a price change's rows), so a reference check replaces
    /// transcoding 66- and 77-character ids on every row.
    /// </summary>
    private readonly Utf8Memo[] _memos = [new(), new(), new(), new()];
    /// <summary>Per text column, the last id written as a key and its key: a reference check instead of a lookup.</summary>
    private readonly string?[] _keyedIds = new string?[MemoColumns];
    private readonly ulong[] _keyedKeys = new ulong[MemoColumns];
    private readonly Utf8Labels _labels = new();
    private AssetOrder? _order;
    /// <summary>The asset column's place among the row's <see cref="Text"/> columns; -1 when rows are not reordered.</summary>
    private int _assetText = -1;
    private int _text;
    /// <summary>Bit i set: the table's i-th text column holds a key (<see cref="ClickHouseSchema.KeyedTextMask"/>).</summary>
    private int _keyMask;

    /// <summary>
    /// Rows of <paramref name="table"/> follow. With an <paramref name="order"/>, tells it where each row starts and its
    /// asset (the table's <see cref="Table.AssetColumn"/>).
    /// </summary>
    /// <returns>Whether rows are tracked: an order was given and the table has an asset column.</returns>
    /// <remarks>Tracked rows are ranked by the asset's key when <see cref="AssetIsKey"/>, else by its id.</remarks>
    public bool Begin(Table table, AssetOrder? order)
    {
        _keyMask = ClickHouseSchema.KeyedTextMask(table);
        _assetText = order is null ? -1 : table.AssetTextOrdinal;
        _order = _assetText < 0 ? null : order;
        return _order is not null;
    }

    /// <summary>The tracked asset column is written as its key (schema version 3), so rows sort by that key.</summary>
    public bool AssetIsKey => _assetText >= 0 && (_keyMask >> _assetText & 1) != 0;

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

        if ((_keyMask >> column & 1) != 0)
        {
            writer.Int64((long)Key(column, value));
        }
        else if (column < MemoColumns)
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
            hash.WriteBytes(writer.Reserve(HashBytes));
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

    /// <summary>The byte length of <c>FixedString(20)</c>: a SHA-1 digest.</summary>
    private const int HashBytes = 20;

    private ulong Key(int column, string id)
    {
        if (!ReferenceEquals(id, _keyedIds[column]))
        {
            _keyedKeys[column] = keys.KeyOf(id);
            _keyedIds[column] = id;
        }

        return _keyedKeys[column];
    }
}
