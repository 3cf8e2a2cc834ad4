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

    /// <summary>Reads the keeper's running totals: call on the keeper's thread.</summary>
    public static ContinuitySummary Of(BookKeeper keeper)
    {
        ArgumentNullException.ThrowIfNull(keeper);
        var totals = keeper.Totals;
        return new ContinuitySummary(
            totals.AssetsIn(ContinuityState.Syncing),
            totals.AssetsIn(ContinuityState.Live),
            totals.AssetsIn(ContinuityState.Suspect),
            totals.AssetsIn(ContinuityState.Resyncing),
            totals.BboMismatches,
            totals.HashMismatches,
            totals.HashMismatchesExplained,
            totals.SnapshotMismatches,
            totals.SnapshotHashMismatches,
            totals.CrossedBooks);
    }
}
