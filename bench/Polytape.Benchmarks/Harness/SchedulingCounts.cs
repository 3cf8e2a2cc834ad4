using System.Globalization;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// Counts that say how often the recorder is woken, independent of how fast the VM runs that minute: thread-pool
/// work items, and context switches summed over the process's threads (/proc/self/task/*/status; threads that
/// exited during the window are missed).
/// </summary>
internal readonly record struct SchedulingCounts(long WorkItems, long Voluntary, long Involuntary)
{
    public static SchedulingCounts Now()
    {
        long voluntary = 0, involuntary = 0;
        if (Directory.Exists("/proc/self/task"))
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            voluntary += ValueOf(line);
                        }
                        else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            involuntary += ValueOf(line);
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread exited while being read.
                }
            }
        }

        return new SchedulingCounts(ThreadPool.CompletedWorkItemCount, voluntary, involuntary);
    }

    public static SchedulingCounts operator -(SchedulingCounts after, SchedulingCounts before) =>
        new(after.WorkItems - before.WorkItems, after.Voluntary - before.Voluntary, after.Involuntary - before.Involuntary);

    /// <summary>"per frame: W thread-pool work items, C context switches (V voluntary, I involuntary)".</summary>
    public string PerFrame(long frames)
    {
        double Per(long count) => frames > 0 ? (double)count / frames : 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"per frame: {Per(WorkItems):F2} thread-pool work items, {Per(Voluntary + Involuntary):F2} context switches ({Per(Voluntary):F2} voluntary, {Per(Involuntary):F2} involuntary)");
    }

    private static long ValueOf(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
}
