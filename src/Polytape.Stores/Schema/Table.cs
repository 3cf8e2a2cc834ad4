using Polytape.Stores.Model;

namespace Polytape.Stores.Schema;

/// <summary>
/// A normalised table: its columns, its unique key (always starting with sequence, idx), the secondary index the
/// book queries need, the retention class it belongs to, and how to write a batch's rows into a sink.
/// </summary>
public sealed class Table
{
    public required string Name { get; init; }

    public required IReadOnlyList<Column> Columns { get; init; }

    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>Columns of a secondary index (empty for none), for "this asset at that moment" queries.</summary>
    public IReadOnlyList<string> AssetIndex { get; init; } = [];

    /// <summary>Column holding the asset id, used as the leading sort key by ClickHouse; null when the table has none.</summary>
    public string? AssetColumn { get; init; }

    /// <summary>The asset column's place among the row's <see cref="ColumnType.Text"/> columns, as a sink sees them; -1 when none.</summary>
    public int AssetTextOrdinal =>
        AssetColumn is null ? -1 : Columns.Where(column => column.Type == ColumnType.Text).Select(column => column.Name).ToList().IndexOf(AssetColumn);

    public RetentionClass Retention { get; init; } = RetentionClass.Kept;

    /// <summary>Rows of this table in the batch.</summary>
    public required Func<RowBatch, int> Count { get; init; }

    /// <summary>Writes every row of this table in the batch, in column order.</summary>
    public required Action<RowBatch, IRowSink> Write { get; init; }
}
