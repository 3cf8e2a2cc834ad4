using System.Buffers.Binary;
using System.Text;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>
/// Encodes rows straight into PostgreSQL's binary COPY format (header, per row a field count, per field a length and
/// the value in network order, trailer) in one reused buffer, written to a raw COPY stream in 64 KiB pieces. Npgsql's
/// importer resolved and bound a parameter per value and built each numeric through <see cref="decimal"/>; here a
/// value is a few stores. Exact decimals are written as base-10000 <c>numeric</c> digits from the fixed-point units.
/// With an <see cref="AssetOrder"/> the whole body is held until <see cref="Complete"/> and sent grouped by asset.
/// One sink serves one COPY at a time (<see cref="Begin"/>); its buffers are kept for the next.
/// </summary>
internal sealed class PostgresRowSink : IRowSink
{
    private const int FlushAt = 64 * 1024;

    /// <summary>"PGCOPY\n\377\r\n\0", flags 0, header extension length 0.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private byte[] _buffer = new byte[FlushAt + 4096];
    private byte[] _sorted = [];
    private Stream _copy = Stream.Null;
    private short _columns;
    private int _length;
    private bool _started;
    private AssetOrder? _order;
    /// <summary>The asset column's place among the row's <see cref="Text"/> columns while rows are tracked.</summary>
    private int _assetText = -1;
    private int _text;

    /// <summary>
    /// Starts a COPY body of <paramref name="table"/>'s rows on <paramref name="copy"/>. With <paramref name="order"/>
    /// (and an asset column) rows are sent grouped by asset at <see cref="Complete"/>; without, as they come.
    /// </summary>
    public void Begin(Stream copy, Table table, AssetOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        Begin(copy, table.Columns.Count);
        if (order is not null && table.AssetTextOrdinal is >= 0 and var assetText)
        {
            order.Reset();
            _order = order;
            _assetText = assetText;
        }
    }

    /// <summary>Starts a COPY body of rows with <paramref name="columns"/> fields, sent as they come.</summary>
    public void Begin(Stream copy, int columns)
    {
        _copy = copy;
        _columns = checked((short)columns);
        _length = 0;
        _started = false;
        _order = null;
        _assetText = -1;
    }

    public void BeginRow()
    {
        if (!_started)
        {
            Header.CopyTo(Reserve(Header.Length));
            _started = true;
        }
        else if (_length >= FlushAt && _order is null)
        {
            Flush();
        }

        if (_order is not null)
        {
            _order.BeginRow(_length);
            _text = 0;
        }

        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), _columns);
    }

    public void Int64(long value)
    {
        var field = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(field, 8);
        BinaryPrimitives.WriteInt64BigEndian(field[4..], value);
    }

    public void Int32(int value)
    {
        var field = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(field, 4);
        BinaryPrimitives.WriteInt32BigEndian(field[4..], value);
    }

    public void NullableInt32(int? value)
    {
        if (value is { } number)
        {
            Int32(number);
        }
        else
        {
            Null();
        }
    }

    public void ExchangeTime(long milliseconds)
    {
        if (milliseconds >= 0)
        {
            Int64(milliseconds);
        }
        else
        {
            Null();
        }
    }

    public void Text(string value)
    {
        if (_order is not null && _text++ == _assetText)
        {
            _order.Asset(value);
        }

        var field = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, field[4..]);
        BinaryPrimitives.WriteInt32BigEndian(field, written);
        _length -= field.Length - 4 - written;
    }

    public void NullableText(string? value)
    {
        if (value is null)
        {
            Null();
        }
        else
        {
            Text(value);
        }
    }

    public void Label(string value) => Text(value);

    /// <summary>A <c>text</c> field of the 40 hex characters, formatted in place.</summary>
    public void NullableHash(bool hasHash, in BookHash hash)
    {
        if (!hasHash)
        {
            Null();
            return;
        }

        var field = Reserve(4 + BookHash.HexLength);
        BinaryPrimitives.WriteInt32BigEndian(field, BookHash.HexLength);
        hash.WriteHexUtf8(field[4..]);
    }

    public void Price(Price value)
    {
        if (value.IsEmpty)
        {
            Null();
        }
        else
        {
            Numeric(value.Units, Domain.Numerics.Price.Scale);
        }
    }

    public void Size(Size value)
    {
        if (value.IsEmpty)
        {
            Null();
        }
        else
        {
            Numeric(value.Units, Domain.Numerics.Size.Scale);
        }
    }

    public void Flag(bool? value)
    {
        if (value is { } flag)
        {
            var field = Reserve(5);
            BinaryPrimitives.WriteInt32BigEndian(field, 1);
            field[4] = flag ? (byte)1 : (byte)0;
        }
        else
        {
            Null();
        }
    }

    public void EndRow()
    {
    }

    /// <summary>Writes the trailer (a field count of -1) and what is still buffered; the caller then ends the COPY.</summary>
    public void Complete()
    {
        if (!_started)
        {
            Header.CopyTo(Reserve(Header.Length));
            _started = true;
        }

        if (_order is not null)
        {
            // Header, then the rows by asset, then the trailer.
            var body = _buffer.AsSpan(0, _length);
            var rows = _order.RowBytes(body);
            if (_sorted.Length < rows)
            {
                _sorted = new byte[Math.Max(rows, _sorted.Length * 2)];
            }

            _order.CopySorted(body, _sorted);
            _copy.Write(_buffer, 0, _length - rows);
            _copy.Write(_sorted, 0, rows);
            _length = 0;
        }

        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        Flush();
    }

    /// <summary>
    /// units × 10^-scale (units ≥ 0, scale ≤ 8) as <c>numeric</c>'s wire form: digit count, weight (of the first
    /// digit, in powers of 10000), sign, display scale, then base-10000 digits without leading or trailing zeros.
    /// </summary>
    public void Numeric(long units, int scale)
    {
        Span<short> digits = stackalloc short[8];
        var fractionGroups = (scale + 3) / 4;
        var power = FixedPoint.PowerOfTen(scale);
        var count = 0;

        // The fraction aligned on whole base-10000 digits (scale 6 becomes 8 decimals, × 100), least significant first.
        var fraction = (units % power) * FixedPoint.PowerOfTen((fractionGroups * 4) - scale);
        for (; count < fractionGroups; count++)
        {
            digits[count] = (short)(fraction % 10_000);
            fraction /= 10_000;
        }

        for (var whole = units / power; whole > 0; whole /= 10_000)
        {
            digits[count++] = (short)(whole % 10_000);
        }

        // Leading zero digits of a value below 1 go; the weight is that of the first digit kept.
        var weight = count - 1 - fractionGroups;
        while (count > 0 && digits[count - 1] == 0)
        {
            count--;
            weight--;
        }

        var low = 0;
        while (low < count && digits[low] == 0)
        {
            low++;
        }

        var used = count - low;
        var field = Reserve(4 + 8 + (2 * used));
        BinaryPrimitives.WriteInt32BigEndian(field, 8 + (2 * used));
        BinaryPrimitives.WriteInt16BigEndian(field[4..], (short)used);
        BinaryPrimitives.WriteInt16BigEndian(field[6..], (short)(used == 0 ? 0 : weight));
        BinaryPrimitives.WriteInt16BigEndian(field[8..], 0);
        BinaryPrimitives.WriteInt16BigEndian(field[10..], (short)scale);
        for (var i = 0; i < used; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(field[(12 + (2 * i))..], digits[count - 1 - i]);
        }
    }

    public static long ToUnits(decimal value, int scale) => (long)decimal.Round(value * FixedPoint.PowerOfTen(scale));

    private void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }

        var span = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return span;
    }

    private void Flush()
    {
        _copy.Write(_buffer, 0, _length);
        _length = 0;
    }
}
