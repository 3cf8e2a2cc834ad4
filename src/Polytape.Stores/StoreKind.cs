namespace Polytape.Stores;

/// <summary>The databases normalised data can be loaded into.</summary>
public enum StoreKind
{
    Sqlite,
    PostgreSql,
    ClickHouse,
}
