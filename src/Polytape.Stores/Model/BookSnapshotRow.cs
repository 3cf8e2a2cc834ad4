using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>
/// A full-depth book (WebSocket <c>book</c> or REST summary). Stores write one header row and one row per level
/// (level 0 = best), so "the book at a moment" is a plain query: the latest snapshot at or before it, then the
/// level changes after it. Bids and asks are in wire order (best last), as the parser gives them.
/// </summary>
public sealed record BookSnapshotRow(
    RowKey Key,
    string Market,
    string AssetId,
    BookSource Source,
    string? Hash,
    Price TickSize,
    BookLevel[] Bids,
    BookLevel[] Asks);
