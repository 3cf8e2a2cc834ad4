using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Polytape.Archive;
using Polytape.Collector.Configuration;
using Polytape.Collector.Ingest;
using Polytape.Collector.Observability;
using Polytape.Collector.Recording;
using Polytape.Collector.Status;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// <c>polytape record</c> against a simulator in ANOTHER process (so this process's CPU is the recorder's alone), with
/// archiving on: sustained frames/s, CPU per frame, RSS, and receive→applied latency percentiles from the recorder's own
/// histogram. Usage: record-throughput SIMULATOR_URL [seconds] [warmup-seconds] [assets-per-connection] [--sqlite]
/// [--postgres=NPGSQL_CONNECTION_STRING] [--clickhouse=URL] [--gzip] where SIMULATOR_URL is what <c>polytape simulate --port P</c>
/// prints as its CLOB address (http://127.0.0.1:P/). With stores enabled it also samples the loaders' lag (records in
/// the archive not yet in the slowest store) every 100 ms of the measured window, and times the stop, whose final
/// catch-up loads what the stores still lack. --alloc-types lists the types allocated during the measured window, from
/// the runtime's allocation sampling.
/// </summary>
public static class RecordThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: record-throughput SIMULATOR_URL [seconds] [warmup-seconds] [assets-per-connection]").ConfigureAwait(false);
            return 1;
        }

        var stores = args.Where(arg => arg.StartsWith("--", StringComparison.Ordinal)).ToList();
        args = [.. args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal))];
        var simulator = new Uri(args[0]);
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var warmup = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var perConnection = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
        // --keep=DIR records into DIR and leaves it there (to load the same archive again offline).
        var kept = Option(stores, "--keep=");
        var directory = kept ?? Directory.CreateTempSubdirectory("polytape-bench-record-").FullName;

        var config = new RecorderConfig();
        config.Discovery.GammaUrl = new Uri(simulator, "gamma/");
        config.Discovery.RefreshInterval = TimeSpan.FromMinutes(10);
        config.WebSocket.Url = new UriBuilder(simulator) { Scheme = "ws", Path = "/ws/market" }.Uri;
        config.WebSocket.MaxAssetsPerConnection = perConnection;
        config.Rest.ClobUrl = simulator;
        config.Archive.Directory = Path.Combine(directory, "archive");
        // --gzip: the archive format before zstd, to compare the two.
        config.Archive.Format = stores.Contains("--gzip") ? ArchiveFormat.Gzip : ArchiveFormat.Zstd;
        config.Storage.Sqlite.Enabled = stores.Contains("--sqlite");
        config.Storage.Sqlite.Path = Path.Combine(directory, "polytape.db");
        config.Storage.PostgreSql.ConnectionString = Option(stores, "--postgres=");
        config.Storage.ClickHouse.Url = Option(stores, "--clickhouse=") is { } clickHouse ? new Uri(clickHouse) : null;
        config.Observability.Listen = "off";
        config.Observability.StatusFile = string.Empty;
        config.Observability.StatusLine = StatusLineMode.Off;

        var referenceBefore = MachineReference.CompressMegabytesPerSecond();
        GC.Collect();
        using var latencies = new LatencySamples();
        using var allocations = stores.Contains("--alloc-types") ? new AllocationSampler() : null;
        // --handoff: every frame goes through the ingest queue (the variant before frames were applied where received).
        var runtime = new RecorderRuntime { Ingest = new IngestOptions { ApplyOnReceivingThreadWhenIdle = !stores.Contains("--handoff") } };
        var recorder = await Recorder.StartAsync(config, runtime).ConfigureAwait(false);
        await using (recorder.ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup), TimeProvider.System).ConfigureAwait(false);
            var warm = recorder.GetStatus();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var systemCpuBefore = process.PrivilegedProcessorTime;
            var schedulingBefore = SchedulingCounts.Now();
            var framesBefore = recorder.FramesApplied;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pausedBefore = GC.GetTotalPauseDuration();
            latencies.Reset();
            allocations?.Start();
            var clock = Stopwatch.StartNew();
            var lags = new List<long>();
            using (var measuring = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
            {
                // The status document is built only when there is a store lag to sample: building it ten times a second
                // allocates per connection, which at the full universe was most of what the window allocated.
                var sampleLag = config.Storage.Sqlite.Enabled || config.Storage.PostgreSql.ConnectionString is not null || config.Storage.ClickHouse.Url is not null;
                while (!measuring.IsCancellationRequested)
                {
                    if (sampleLag && recorder.GetStatus().StoreLag is { } lag)
                    {
                        lags.Add(lag);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
                }
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var systemCpu = (process.PrivilegedProcessorTime - systemCpuBefore).TotalSeconds;
            var scheduling = SchedulingCounts.Now() - schedulingBefore;
            var frames = recorder.FramesApplied - framesBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            var gcs = (GC.CollectionCount(0) - gcsBefore.Item1, GC.CollectionCount(1) - gcsBefore.Item2, GC.CollectionCount(2) - gcsBefore.Item3);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var status = recorder.GetStatus();
            var (p50, p99, p999, max, count) = latencies.Percentiles();

            var invariant = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(invariant, $"assets {status.Assets.Total} (live {status.Assets.Live}, syncing {status.Assets.Syncing}, suspect {status.Assets.Suspect}) on {status.Connections.Count} connections; at warm-up end live {warm.Assets.Live}"));
            Console.WriteLine(string.Create(invariant, $"frames {frames:N0} in {elapsed:F1} s = {frames / elapsed:N0} frames/s"));
            Console.WriteLine(string.Create(invariant, $"cpu {cpu:F2} s = {cpu / elapsed * 100:F1}% of one core, {(frames > 0 ? cpu / frames * 1e6 : 0):F2} µs per frame ({systemCpu / Math.Max(cpu, 1e-9) * 100:F0}% in the kernel)"));
            Console.WriteLine(scheduling.PerFrame(frames));
            Console.WriteLine(string.Create(invariant, $"rss {process.WorkingSet64 / 1048576.0:N0} MiB (peak {process.PeakWorkingSet64 / 1048576.0:N0} MiB), managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB, on huge pages {HugePageMegabytes():N0} MiB"));
            Console.WriteLine(string.Create(invariant, $"allocated {allocated / 1048576.0:N0} MiB = {(frames > 0 ? (double)allocated / frames : 0):N0} B per frame; collections gen0 {gcs.Item1}, gen1 {gcs.Item2}, gen2 {gcs.Item3}, paused {paused.TotalMilliseconds:F0} ms"));
            Console.WriteLine(string.Create(invariant, $"receive→applied latency over {count:N0} frames: p50 {p50:F0} µs, p99 {p99:F0} µs, p99.9 {p999:F0} µs, max {max:F0} µs"));
            Console.WriteLine(string.Create(invariant, $"worst seconds of the window (max latency): {string.Join(", ", latencies.WorstSeconds(5).Select(w => $"s{w.Second} {w.Max / 1000:F1} ms"))}"));
            Console.WriteLine(string.Create(invariant, $"archive {status.Archive.Bytes / 1048576.0:N1} MiB written, last sequence {status.Archive.LastSequence}"));
            foreach (var (type, bytes) in allocations?.Top(15) ?? [])
            {
                Console.WriteLine(string.Create(invariant, $"  allocated ~{bytes / 1048576.0:N1} MiB of {type}"));
            }

            if (lags.Count > 0)
            {
                lags.Sort();
                long LagAt(double q) => lags[Math.Min(lags.Count - 1, (int)(q * lags.Count))];
                Console.WriteLine(string.Create(invariant, $"store lag ({string.Join(' ', stores.Select(Redacted))}) over {lags.Count} samples: p50 {LagAt(0.5):N0}, p99 {LagAt(0.99):N0}, max {lags[^1]:N0} records; {status.StoreLag:N0} at stop"));
                var stopping = Stopwatch.StartNew();
                await recorder.StopAsync().ConfigureAwait(false);
                process.Refresh();
                Console.WriteLine(string.Create(invariant, $"stop with final store catch-up: {stopping.Elapsed.TotalSeconds:F2} s; cpu over the whole run incl. stop {(process.TotalProcessorTime - cpuBefore).TotalSeconds:F2} s"));
            }
        }

        var referenceAfter = MachineReference.CompressMegabytesPerSecond();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine reference (zstd level 1, one thread): {referenceBefore:F0} MB/s before, {referenceAfter:F0} MB/s after"));
        if (kept is null)
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static string? Option(List<string> options, string prefix) =>
        options.FirstOrDefault(option => option.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    private static string Redacted(string option) => option.Split('=', 2)[0];

    /// <summary>This process's anonymous memory on transparent huge pages (<c>/proc/self/smaps_rollup</c>), 0 where there is none.</summary>
    private static double HugePageMegabytes()
    {
        const string Path = "/proc/self/smaps_rollup";
        var line = File.Exists(Path) ? File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("AnonHugePages:", StringComparison.Ordinal)) : null;
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// Collects the recorder's receive→applied histogram measurements (seconds) as microseconds, from the first
    /// <see cref="Reset"/> on. Warm-up samples are not kept and each is a float: this process's RSS is reported as the
    /// recorder's, and a list of doubles filled through a 300-s warm-up had grown to 17 MB at the full universe.
    /// </summary>
    private sealed class LatencySamples : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private readonly List<float> _samples = new(1 << 20);
        /// <summary>The largest sample of each second of the window, to tell one stall from latency spread evenly.</summary>
        private readonly float[] _secondMax = new float[3600];
        private long _start;
        private bool _recording;

        public LatencySamples()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PolytapeMetrics.MeterName && instrument.Name == "polytape_receive_latency_seconds")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_gate)
                {
                    if (_recording)
                    {
                        var micros = (float)(value * 1e6);
                        _samples.Add(micros);
                        var second = (int)Math.Min(_secondMax.Length - 1, Stopwatch.GetElapsedTime(_start).TotalSeconds);
                        _secondMax[second] = Math.Max(_secondMax[second], micros);
                    }
                }
            });
            _listener.Start();
        }

        public void Reset()
        {
            lock (_gate)
            {
                // Cleared, not replaced: a new list here was 4 MB allocated inside the measured window.
                _samples.Clear();
                Array.Clear(_secondMax);
                _start = Stopwatch.GetTimestamp();
                _recording = true;
            }
        }

        public (double P50, double P99, double P999, double Max, int Count) Percentiles()
        {
            float[] sorted;
            lock (_gate)
            {
                sorted = [.. _samples];
            }

            Array.Sort(sorted);
            if (sorted.Length == 0)
            {
                return (0, 0, 0, 0, 0);
            }

            double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            return (At(0.5), At(0.99), At(0.999), sorted[^1], sorted.Length);
        }

        public IEnumerable<(int Second, float Max)> WorstSeconds(int count)
        {
            lock (_gate)
            {
                return [.. _secondMax.Select((max, second) => (second, max)).Where(s => s.max > 0).OrderByDescending(s => s.max).Take(count)];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
