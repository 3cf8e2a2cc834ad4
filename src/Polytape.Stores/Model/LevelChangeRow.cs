using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>
/// One <c>price_change</c> entry: the new absolute size at a price (0 deletes), the venue's best bid/ask after it and
/// the venue's book hash when it sent one (<paramref name="HasHash"/>). The hash is a value, not its 40-character
/// text, so normalising allocates nothing per row for it; stores write the text (see <see cref="BookHash.WriteHexUtf8"/>).
/// </summary>
public readonly record struct LevelChangeRow(
    RowKey Key,
    string Market,
    string AssetId,
    Side Side,
    Price Price,
    Size Size,
    Price BestBid,
    Price BestAsk,
    bool HasHash,
    BookHash Hash);
