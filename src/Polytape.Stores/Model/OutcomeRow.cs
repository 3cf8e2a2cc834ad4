namespace Polytape.Stores.Model;

/// <summary>One outcome token of a catalog market, in the order the catalog lists them.</summary>
public sealed record OutcomeRow(RowKey Key, string ConditionId, string AssetId, string? Outcome, int OutcomeIndex);
