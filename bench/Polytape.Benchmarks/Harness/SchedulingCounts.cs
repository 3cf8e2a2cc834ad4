using System.Globalization;
using System.Runtime.InteropServices;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// Counts that say how often the recorder is woken, independent of how fast the VM runs that minute: thread-pool
/// work items, and the process's context switches and minor page faults from <c>getrusage</c> (all threads,
/// including those that exited). Zero for the rusage counts where libc's <c>getrusage</c> is not there.
/// </summary>
internal readonly partial record struct SchedulingCounts(long WorkItems, long Voluntary, long Involuntary, long MinorFaults)
{
    private const int RusageSelf = 0;

    public static SchedulingCounts Now()
    {
        var usage = default(Rusage);
        var haveUsage = OperatingSystem.IsLinux() && GetRusage(RusageSelf, out usage) == 0;
        return haveUsage
            ? new SchedulingCounts(ThreadPool.CompletedWorkItemCount, usage.VoluntarySwitches, usage.InvoluntarySwitches, usage.MinorFaults)
            : new SchedulingCounts(ThreadPool.CompletedWorkItemCount, 0, 0, 0);
    }

    public static SchedulingCounts operator -(SchedulingCounts after, SchedulingCounts before) =>
        new(after.WorkItems - before.WorkItems, after.Voluntary - before.Voluntary, after.Involuntary - before.Involuntary, after.MinorFaults - before.MinorFaults);

    /// <summary>"per frame: W thread-pool work items, C context switches (V voluntary, I involuntary), F minor page faults".</summary>
    public string PerFrame(long frames)
    {
        double Per(long count) => frames > 0 ? (double)count / frames : 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"per frame: {Per(WorkItems):F3} thread-pool work items, {Per(Voluntary + Involuntary):F3} context switches ({Per(Voluntary):F3} voluntary, {Per(Involuntary):F3} involuntary), {Per(MinorFaults):F3} minor page faults");
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary>Linux x86-64/arm64 <c>struct rusage</c>: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxResident;
        public long SharedText;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
