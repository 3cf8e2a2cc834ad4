using Npgsql;

namespace Polytape.Stores.Tests.Support;

/// <summary>A fresh database on the test server, dropped afterwards.</summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly NpgsqlConnectionStringBuilder _admin;

    public PostgresDatabase()
    {
        _admin = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Pooling = false };
        Name = "polytape_test_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE DATABASE {Name}");
    }

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = Name, Pooling = true }.ConnectionString;

    /// <summary>The same database as a postgresql:// URL.</summary>
    public string Url => $"postgresql://{_admin.Username}:{Uri.EscapeDataString(_admin.Password ?? string.Empty)}@{_admin.Host}:{_admin.Port}/{Name}";

    public string Host => _admin.Host!;

    public int Port => _admin.Port;

    public string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_admin.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
