using Npgsql;
using NpgsqlTypes;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>Writes rows into a binary COPY: exact decimals built from the fixed-point units (no text, no double).</summary>
internal sealed class PostgresRowSink(NpgsqlBinaryImporter importer) : IRowSink
{
    public void BeginRow() => importer.StartRow();

    public void Int64(long value) => importer.Write(value, NpgsqlDbType.Bigint);

    public void Int32(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void NullableInt32(int? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Integer);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void ExchangeTime(long milliseconds)
    {
        if (milliseconds >= 0)
        {
            importer.Write(milliseconds, NpgsqlDbType.Bigint);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void Text(string value) => importer.Write(value, NpgsqlDbType.Text);

    public void NullableText(string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    public void Label(string value) => importer.Write(value, NpgsqlDbType.Text);

    public void Price(Price value)
    {
        if (value.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(ToDecimal(value.Units, Domain.Numerics.Price.Scale), NpgsqlDbType.Numeric);
        }
    }

    public void Size(Size value)
    {
        if (value.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(ToDecimal(value.Units, Domain.Numerics.Size.Scale), NpgsqlDbType.Numeric);
        }
    }

    public void Flag(bool? value)
    {
        if (value is { } flag)
        {
            importer.Write(flag, NpgsqlDbType.Boolean);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void EndRow()
    {
    }

    /// <summary>units × 10^-scale, exactly (units are non-negative and below 2^63).</summary>
    public static decimal ToDecimal(long units, int scale) =>
        new((int)(uint)units, (int)(units >> 32), 0, isNegative: false, (byte)scale);

    public static long ToUnits(decimal value, int scale) => (long)decimal.Round(value * FixedPoint.PowerOfTen(scale));
}
