namespace Polytape.Collector.Tests.Ingest;

/// <summary>Measures a per-frame path once warm: what it allocates on this thread over many runs after a few untimed ones.</summary>
internal static class WarmAllocation
{
    /// <summary>
    /// Runs <paramref name="step"/> <paramref name="warmups"/> times (pools, caches and JIT tiers settle), then returns the
    /// bytes allocated on this thread by <paramref name="runs"/> more.
    /// </summary>
    public static long BytesOf(int warmups, int runs, Action step)
    {
        for (var i = 0; i < warmups; i++)
        {
            step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            step();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
