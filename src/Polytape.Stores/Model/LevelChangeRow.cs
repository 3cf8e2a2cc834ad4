using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>One <c>price_change</c> entry: the new absolute size at a price (0 deletes) and the venue's best bid/ask after it.</summary>
public readonly record struct LevelChangeRow(
    RowKey Key,
    string Market,
    string AssetId,
    Side Side,
    Price Price,
    Size Size,
    Price BestBid,
    Price BestAsk,
    string? Hash);
