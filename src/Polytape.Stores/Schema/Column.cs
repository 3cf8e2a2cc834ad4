namespace Polytape.Stores.Schema;

/// <summary>One column of a normalised table.</summary>
public sealed record Column(string Name, ColumnType Type);
