namespace Polytape.Collector.Configuration;

/// <summary>Databases loaded from the archive. SQLite is on by default; the others start when configured.</summary>
public sealed class StorageConfig
{
    public SqliteConfig Sqlite { get; set; } = new();

    public PostgreSqlConfig PostgreSql { get; set; } = new();

    public ClickHouseConfig ClickHouse { get; set; } = new();
}

public sealed class SqliteConfig
{
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "./data/polytape.db";
}

public sealed class PostgreSqlConfig
{
    /// <summary>Npgsql connection string ("Host=…;Username=…;Database=…"); null leaves PostgreSQL off.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class ClickHouseConfig
{
    /// <summary>ClickHouse HTTP interface (http://host:8123/); null leaves ClickHouse off.</summary>
    public Uri? Url { get; set; }
}
