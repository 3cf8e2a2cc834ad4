using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Schema;

/// <summary>
/// Receives a table's rows column by column, in the table's column order: each backend turns the calls into its own
/// wire format (SQLite parameters, PostgreSQL binary COPY, ClickHouse RowBinary).
/// </summary>
public interface IRowSink
{
    void BeginRow();

    void Int64(long value);

    void Int32(int value);

    void NullableInt32(int? value);

    /// <summary>-1 means absent.</summary>
    void ExchangeTime(long milliseconds);

    void Text(string value);

    void NullableText(string? value);

    void Label(string value);

    /// <summary>
    /// A <see cref="ColumnType.Hash"/> column: the hash as the store keeps it (its 40 lower-case hex characters, or its 20 bytes), or NULL
    /// when <paramref name="hasHash"/> is false. Sinks format the text into their own buffers, so no string is made.
    /// </summary>
    void NullableHash(bool hasHash, in BookHash hash);

    void Price(Price value);

    void Size(Size value);

    void Flag(bool? value);

    void EndRow();
}
