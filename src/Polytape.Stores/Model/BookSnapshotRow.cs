using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>
/// A full-depth book (WebSocket <c>book</c> or REST summary). Stores write one header row and one row per level
/// (level 0 = best), so "the book at a moment" is a plain query: the latest snapshot at or before it, then the
/// level changes after it. Bids and asks are in wire order (best last), as the parser gives them. The venue's hash is
/// a value (<paramref name="HasHash"/> false when the book came without one), as in <see cref="LevelChangeRow"/>.
/// </summary>
public sealed record BookSnapshotRow(
    RowKey Key,
    string Market,
    string AssetId,
    BookSource Source,
    bool HasHash,
    BookHash Hash,
    Price TickSize,
    BookLevel[] Bids,
    BookLevel[] Asks);
