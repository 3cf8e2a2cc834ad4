using System.Diagnostics;
using System.Globalization;
using Polytape.Collector.Discovery;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// Managed memory of discovery refreshes (every active market, the whole keyset walk) against a simulator in ANOTHER
/// process (<c>polytape simulate --port P --markets 150000</c>), so this heap is discovery's alone. Per refresh: pages,
/// bytes allocated, the peak of the managed heap above what was live before (sampled every 2 ms, garbage included:
/// what the heap had to grow to), what stays live after a full collection (with the heap's size and free fragments
/// then), and CPU seconds. The first refresh fills an empty catalog; later ones find nothing changed.
/// Usage: discovery-memory SIMULATOR_URL [refreshes].
/// </summary>
public static class DiscoveryMemory
{
    private const double MiB = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: discovery-memory SIMULATOR_URL [refreshes]").ConfigureAwait(false);
            return 1;
        }

        var simulator = new Uri(args[0]);
        var refreshes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var options = new DiscoveryOptions { GammaUri = new Uri(simulator, "gamma/"), AllActive = true };
        using var http = new HttpClient();
        using var gamma = new GammaClient(http, options);
        using var discovery = new MarketDiscovery(gamma, options, new NullListener());
        for (var i = 1; i <= refreshes; i++)
        {
            var live = LiveAfterFullCollection();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var requests = gamma.Statistics.Requests;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var collections = GC.CollectionCount(0);
            var wall = Stopwatch.StartNew();
            using var peak = new HeapPeakSampler();
            var change = await discovery.RefreshAsync().ConfigureAwait(false);
            var peakHeap = peak.Stop();
            wall.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var retained = LiveAfterFullCollection();
            var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"refresh {i}: {discovery.Catalog.MarketCount:N0} markets ({change.Added.Count:N0} added), {gamma.Statistics.Requests - requests:N0} pages, "
                + $"allocated {allocatedBytes / MiB:F1} MiB, peak heap +{(peakHeap - live) / MiB:F1} MiB over {live / MiB:F1} MiB live before, "
                + $"live after {retained / MiB:F1} MiB (heap {heap.HeapSizeBytes / MiB:F1} MiB, fragmented {heap.FragmentedBytes / MiB:F1} MiB), gen0 GCs {GC.CollectionCount(0) - collections}, wall {wall.Elapsed.TotalSeconds:F1} s, cpu {cpuSeconds:F2} s, "
                + $"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / MiB:F0} MiB, load {load}"));
        }

        return 0;
    }

    private static long LiveAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private sealed class NullListener : IDiscoveryListener
    {
        public ValueTask OnMarketsChangedAsync(DiscoveryChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>The largest managed heap size (live and garbage) seen on a dedicated thread until stopped.</summary>
    private sealed class HeapPeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _stop = new();
        private long _peak;

        public HeapPeakSampler()
        {
            _peak = GC.GetTotalMemory(forceFullCollection: false);
            _thread = new Thread(Sample) { IsBackground = true, Name = "heap-peak" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop.Set();
            _thread.Join();
            return Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
        }

        public void Dispose() => _stop.Dispose();

        private void Sample()
        {
            while (!_stop.Wait(TimeSpan.FromMilliseconds(2)))
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }
    }
}
