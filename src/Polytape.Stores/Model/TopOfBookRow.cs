using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>
/// Best bid/ask of an asset after an event: a snapshot, the last entry of the asset in a <c>price_change</c>
/// message (the venue reports the best after it), or a <c>best_bid_ask</c> event. Derived per record, with no state
/// carried between records, so any range loads the same rows.
/// </summary>
public readonly record struct TopOfBookRow(RowKey Key, string AssetId, Price BestBid, Price BestAsk, TopOfBookSource Source);
