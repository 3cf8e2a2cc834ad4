using Microsoft.Data.Sqlite;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;
using SQLitePCL;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// Binds each row straight to a prepared INSERT through SQLite's C API and steps it. Microsoft.Data.Sqlite's
/// parameters box every value and re-bind every parameter through type dispatch on each execute, which cost more
/// than SQLite's own insert; here a value is one native bind call, and text is encoded into one reused UTF-8 buffer.
/// Text ids kept in a dictionary table (asset, market) are bound as their integer keys.
/// </summary>
internal sealed class SqliteRowSink : IRowSink, IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteKeyDictionary?[] _dictionaries;
    private byte[] _utf8 = new byte[256];
    private int _next;

    /// <param name="dictionaries">
    /// By 0-based column: the dictionary whose key replaces the text the table writer passes to <see cref="Text"/>,
    /// or null to bind values as they come. Null for none at all.
    /// </param>
    public SqliteRowSink(SqliteConnection connection, string insert, IReadOnlyList<SqliteKeyDictionary?>? dictionaries = null)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open.");
        // Indexed by 1-based parameter number; slot 0 stays empty.
        _dictionaries = [null, .. dictionaries ?? []];
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, insert, out _statement), _database);
    }

    public void BeginRow() => _next = 1;

    public void Int64(long value) => Check(raw.sqlite3_bind_int64(_statement, _next++, value));

    public void Int32(int value) => Check(raw.sqlite3_bind_int64(_statement, _next++, value));

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
        if (_next < _dictionaries.Length && _dictionaries[_next] is { } dictionary)
        {
            Int64(dictionary.KeyOf(value));
            return;
        }

        var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, _next++, _utf8.AsSpan(0, written)));
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

    public void Price(Price value)
    {
        if (value.IsEmpty)
        {
            Null();
        }
        else
        {
            Int64(value.Units);
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
            Int64(value.Units);
        }
    }

    public void Flag(bool? value)
    {
        if (value is { } flag)
        {
            Int64(flag ? 1 : 0);
        }
        else
        {
            Null();
        }
    }

    public void EndRow()
    {
        var result = raw.sqlite3_step(_statement);
        // Reset before reporting, so a failed row (a duplicate key) leaves the statement reusable for the retry.
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Null() => Check(raw.sqlite3_bind_null(_statement, _next++));

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
