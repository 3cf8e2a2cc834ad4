namespace Polytape.Stores.Model;

/// <summary>
/// A per-asset continuity transition written by the recorder (state names and causes kept as written, so new
/// causes load without a schema change). Missing fields are null.
/// </summary>
public sealed record ContinuityRow(RowKey Key, string AssetId, string? FromState, string? ToState, string? Cause, int? Epoch);
