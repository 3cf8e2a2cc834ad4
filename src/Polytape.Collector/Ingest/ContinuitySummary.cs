using Polytape.Collector.Books;
using Polytape.Domain.Continuity;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Counts over every asset the keeper knows, taken on the ingest loop so other threads (metrics, status) can read a
/// consistent copy without touching the keeper.
/// </summary>
public sealed record ContinuitySummary(
    int Syncing,
    int Live,
    int Suspect,
    int Resyncing,
    long BboMismatches,
    long HashMismatches,
    long HashMismatchesExplained,
    long SnapshotMismatches,
    long SnapshotHashMismatches,
    long CrossedBooks)
{
    public static ContinuitySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int Assets => Syncing + Live + Suspect + Resyncing;

    public int CountOf(ContinuityState state) => state switch
    {
        ContinuityState.Syncing => Syncing,
        ContinuityState.Live => Live,
        ContinuityState.Suspect => Suspect,
        _ => Resyncing,
    };

    /// <summary>Walks every asset: call on the keeper's thread.</summary>
    public static ContinuitySummary Of(BookKeeper keeper)
    {
        ArgumentNullException.ThrowIfNull(keeper);
        Span<int> states = stackalloc int[4];
        long bbo = 0, hash = 0, explained = 0, snapshot = 0, snapshotHash = 0, crossed = 0;
        foreach (var asset in keeper.Assets)
        {
            states[(int)asset.State]++;
            var counters = asset.Counters;
            bbo += counters.BboMismatches;
            hash += counters.HashMismatches;
            explained += counters.HashMismatchesExplained;
            snapshot += counters.SnapshotMismatches;
            snapshotHash += counters.SnapshotHashMismatches;
            crossed += counters.CrossedBooks;
        }

        return new ContinuitySummary(
            states[(int)ContinuityState.Syncing],
            states[(int)ContinuityState.Live],
            states[(int)ContinuityState.Suspect],
            states[(int)ContinuityState.Resyncing],
            bbo,
            hash,
            explained,
            snapshot,
            snapshotHash,
            crossed);
    }
}
