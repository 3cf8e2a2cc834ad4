using Microsoft.Data.Sqlite;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Stores.Schema;
using SQLitePCL;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// Binds each row straight to a prepared INSERT through SQLite's C API and steps it. Microsoft.Data.Sqlite's
/// parameters box every value and re-bind every parameter through type dispatch on each execute, which cost more
/// than SQLite's own insert; here a value is one native bind call, and text is encoded into one reused UTF-8 buffer.
/// The table's asset id column is bound as its integer key from <see cref="SqliteAssetKeys"/>.
/// </summary>
internal sealed class SqliteRowSink : IRowSink, IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteAssetKeys? _assetKeys;
    private readonly int _assetParameter;
    private byte[] _utf8 = new byte[256];
    private int _next;

    /// <param name="assetParameter">1-based parameter that takes the asset key (its text arrives through <see cref="Text"/>); 0 for none.</param>
    public SqliteRowSink(SqliteConnection connection, string insert, SqliteAssetKeys? assetKeys = null, int assetParameter = 0)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open.");
        if (assetParameter > 0 && assetKeys is null)
        {
            throw new ArgumentNullException(nameof(assetKeys), "an asset parameter needs the asset keys.");
        }

        _assetKeys = assetKeys;
        _assetParameter = assetParameter;
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
        if (_next == _assetParameter)
        {
            Int64(_assetKeys!.KeyOf(value));
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

    public void NullableHash(bool hasHash, in BookHash hash)
    {
        if (!hasHash)
        {
            Null();
            return;
        }

        // The reused buffer is never shorter than its initial 256 bytes.
        hash.WriteHexUtf8(_utf8);
        Check(raw.sqlite3_bind_text(_statement, _next++, _utf8.AsSpan(0, BookHash.HexLength)));
    }

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
