using Polytape.Domain.Identifiers;

namespace Polytape.Domain.Continuity;

/// <summary>
/// One change of a token's continuity state. These are recorded in the log and the stores, so a
/// backtest can ask whether a window was reconstructible.
/// </summary>
/// <param name="Epoch">Increases with every snapshot and tick-size change: rows of one epoch share one book lineage.</param>
/// <param name="ExchangeTimestampMs">Venue time of the event that caused the change (-1 when none).</param>
public readonly record struct ContinuityTransition(
    AssetId AssetId,
    ContinuityState From,
    ContinuityState To,
    ContinuityCause Cause,
    int Epoch,
    long ExchangeTimestampMs);
