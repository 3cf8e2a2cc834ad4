using Polytape.Domain.Books;

namespace Polytape.Stores.Model;

/// <summary>
/// A book as rebuilt from a store at an archive sequence: the latest snapshot at or before it, with every level
/// change of the asset after the snapshot applied. Levels are best first.
/// </summary>
public sealed record StoredBook(string AssetId, long SnapshotSequence, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks)
{
    /// <summary>Applies changes (in sequence order) to a snapshot's levels; a zero size removes the level.</summary>
    public static StoredBook Build(
        string assetId, long snapshotSequence, IEnumerable<(Side Side, BookLevel Level)> snapshot, IEnumerable<(Side Side, BookLevel Level)> changes)
    {
        var bids = new SortedDictionary<int, BookLevel>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<int, BookLevel>();
        foreach (var (side, level) in snapshot.Concat(changes))
        {
            var levels = side == Side.Bid ? bids : asks;
            if (level.SizeUnits == 0)
            {
                levels.Remove(level.PriceUnits);
            }
            else
            {
                levels[level.PriceUnits] = level;
            }
        }

        return new StoredBook(assetId, snapshotSequence, bids.Values.ToList(), asks.Values.ToList());
    }
}
