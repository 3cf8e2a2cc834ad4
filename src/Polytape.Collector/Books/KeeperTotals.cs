using Polytape.Domain.Continuity;

namespace Polytape.Collector.Books;

/// <summary>
/// Keeper-wide sums, kept as they change: assets per continuity state and the check failures a summary reports.
/// At the full universe (300,000 assets) a walk over every asset five times a second was a quarter of the
/// recorder's CPU; these make a summary cost nothing. Plain fields: updated by the keeper's one thread.
/// </summary>
public sealed class KeeperTotals
{
    private readonly int[] _assetsByState = new int[4];

    public int AssetsIn(ContinuityState state) => _assetsByState[(int)state];

    public long BboMismatches { get; internal set; }

    public long HashMismatches { get; internal set; }

    public long HashMismatchesExplained { get; internal set; }

    public long SnapshotMismatches { get; internal set; }

    public long SnapshotHashMismatches { get; internal set; }

    public long CrossedBooks { get; internal set; }

    internal void Added(ContinuityState state) => _assetsByState[(int)state]++;

    internal void Moved(ContinuityState from, ContinuityState to)
    {
        _assetsByState[(int)from]--;
        _assetsByState[(int)to]++;
    }
}
