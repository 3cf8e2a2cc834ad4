using Microsoft.Data.Sqlite;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>Binds each row to a prepared INSERT's parameters and executes it.</summary>
internal sealed class SqliteRowSink : IRowSink
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private int _next;

    public SqliteRowSink(SqliteCommand command, int columns)
    {
        _command = command;
        _parameters = new SqliteParameter[columns];
        for (var i = 0; i < columns; i++)
        {
            _parameters[i] = command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }
    }

    public long Rows { get; private set; }

    public void BeginRow() => _next = 0;

    public void Int64(long value) => Set(value);

    public void Int32(int value) => Set(value);

    public void NullableInt32(int? value) => Set(value);

    public void ExchangeTime(long milliseconds) => Set(milliseconds < 0 ? null : milliseconds);

    public void Text(string value) => Set(value);

    public void NullableText(string? value) => Set(value);

    public void Label(string value) => Set(value);

    public void Price(Price value) => Set(value.IsEmpty ? null : value.Units);

    public void Size(Size value) => Set(value.IsEmpty ? null : value.Units);

    public void Flag(bool? value) => Set(value is { } flag ? (flag ? 1 : 0) : null);

    public void EndRow()
    {
        _command.ExecuteNonQuery();
        Rows++;
    }

    private void Set(object? value) => _parameters[_next++].Value = value ?? DBNull.Value;
}
