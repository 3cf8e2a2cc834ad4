namespace Polytape.Stores.Sqlite;

/// <summary>
/// A table that stores each long text id once (<c>asset_id</c>, the market's condition id) under an integer key;
/// the data tables hold the key, and their <c>…_v</c> views join the id back.
/// </summary>
/// <param name="Name">The dictionary table.</param>
/// <param name="KeyColumn">Its integer key, also the column's name in the data tables.</param>
/// <param name="IdColumn">Its text id, also the column's name in the views (and in version 1's tables).</param>
internal sealed record SqliteDictionaryTable(string Name, string KeyColumn, string IdColumn)
{
    public static SqliteDictionaryTable Assets { get; } = new("assets", "asset_key", "asset_id");

    public static SqliteDictionaryTable Markets { get; } = new("market_ids", "market_key", "market");

    public static IReadOnlyList<SqliteDictionaryTable> All { get; } = [Assets, Markets];

    public string Create => $"CREATE TABLE IF NOT EXISTS {Name} ({KeyColumn} INTEGER PRIMARY KEY, {IdColumn} TEXT NOT NULL UNIQUE)";
}
