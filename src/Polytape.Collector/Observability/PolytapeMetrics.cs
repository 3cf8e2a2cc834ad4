using System.Diagnostics.Metrics;
using Polytape.Archive;
using Polytape.Collector.Ingest;
using Polytape.Collector.Verification;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Observability;

/// <summary>
/// Polytape's instruments on one <see cref="Meter"/> named <see cref="MeterName"/>, named as Prometheus shows them.
/// Components keep plain counters; the <c>Observe…</c> methods register observable instruments that read them at
/// scrape time, so nothing is pushed per message. Only the latency histograms are recorded as they happen. Call each
/// <c>Observe…</c> method once: instrument names are unique per meter. Labels never carry token or market ids.
/// </summary>
public sealed partial class PolytapeMetrics : IDisposable
{
    public const string MeterName = "Polytape";

    private static readonly MarketEventType[] EventTypes = Enum.GetValues<MarketEventType>();
    private static readonly FrameKind[] ControlKinds = [FrameKind.Pong, FrameKind.InvalidOperation, FrameKind.NoNewAssets, FrameKind.OtherText, FrameKind.Empty];
    private static readonly ContinuityState[] States = Enum.GetValues<ContinuityState>();

    private readonly Histogram<double> _receiveLatency;
    private readonly Histogram<double> _restDuration;
    private IngestPipeline? _ingest;
    private RestVerifier? _verifier;

    public PolytapeMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _receiveLatency = Meter.CreateHistogram(
            "polytape_receive_latency_seconds",
            unit: "s",
            description: "Time from a frame's receipt on the socket to its events being applied to the books.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _restDuration = Meter.CreateHistogram(
            "polytape_rest_request_duration_seconds",
            unit: "s",
            description: "CLOB REST request latency, including retries.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        Meter.CreateObservableCounter(
            "polytape_check_mismatches_total",
            CheckMismatches,
            description: "Failed book checks, by check (hash_explained: mismatches a later state reproduced; rest: REST verifier).");
    }

    public Meter Meter { get; }

    /// <summary>One family for every check, whichever components are registered: the keeper's checks and the REST verifier's.</summary>
    private IEnumerable<Measurement<long>> CheckMismatches()
    {
        if (Volatile.Read(ref _ingest) is { } ingest)
        {
            var summary = ingest.Continuity;
            yield return Check("best_bid_ask", summary.BboMismatches);
            yield return Check("hash", summary.HashMismatches);
            yield return Check("hash_explained", summary.HashMismatchesExplained);
            yield return Check("snapshot", summary.SnapshotMismatches);
            yield return Check("snapshot_hash", summary.SnapshotHashMismatches);
            yield return Check("crossed_book", summary.CrossedBooks);
        }

        if (Volatile.Read(ref _verifier) is { } verifier)
        {
            yield return Check("rest", verifier.Mismatches);
        }
    }

    /// <summary>Per frame on the ingest loop: a histogram record without tags does not allocate.</summary>
    public void RecordReceiveLatency(long microseconds) => _receiveLatency.Record(microseconds / 1e6);

    public void RecordRestRequest(TimeSpan duration) => _restDuration.Record(duration.TotalSeconds);

    /// <summary>Messages by event type, frames, bytes, malformed and unknown shapes, queue depth, continuity states and check failures.</summary>
    public void ObserveIngest(IngestPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        Volatile.Write(ref _ingest, pipeline);
        Meter.CreateObservableCounter(
            "polytape_messages_total",
            () => EventTypes.Select(t => new Measurement<long>(pipeline.Statistics.EventsOf(t), new KeyValuePair<string, object?>("event_type", IngestNames.Of(t)))),
            description: "Market-channel events received, by event type (unknown: shapes the parser does not know).");
        Meter.CreateObservableCounter(
            "polytape_control_frames_total",
            () => ControlKinds.Select(k => new Measurement<long>(pipeline.Statistics.FramesOf(k), new KeyValuePair<string, object?>("kind", IngestNames.Of(k)))),
            description: "Frames that carried no event (PONG, server text, empty).");
        Meter.CreateObservableCounter("polytape_frames_total", () => pipeline.Frames, description: "WebSocket text frames applied and archived.");
        Meter.CreateObservableCounter("polytape_frame_bytes_total", () => pipeline.Bytes, unit: "By", description: "Payload bytes of those frames.");
        Meter.CreateObservableCounter("polytape_malformed_frames_total", () => pipeline.Statistics.FramesOf(FrameKind.Malformed), description: "Frames that could not be parsed (archived as unknown).");
        Meter.CreateObservableCounter("polytape_foreign_events_total", () => pipeline.ForeignEventsSkipped, description: "Events from a connection that does not own the asset's book (overlapping subscriptions), not applied.");
        Meter.CreateObservableGauge("polytape_ingest_queue_depth", () => pipeline.QueueDepth, description: "Frames and work waiting for the ingest loop.");
        Meter.CreateObservableGauge("polytape_ingest_queue_bytes", () => pipeline.QueueBytes, unit: "By", description: "Bytes of the frames waiting for the ingest loop; at the budget, reading slows.");
        Meter.CreateObservableGauge(
            "polytape_continuity_assets",
            () => States.Select(s => new Measurement<int>(pipeline.Continuity.CountOf(s), new KeyValuePair<string, object?>("state", IngestNames.Of(s)))),
            description: "Assets by continuity state.");
        Meter.CreateObservableCounter("polytape_continuity_transitions_total", () => pipeline.ContinuityRecords, description: "Continuity transitions recorded in the archive.");
    }

    /// <summary>The raw archive: bytes, records, queue depth.</summary>
    public void ObserveArchive(ArchiveWriter archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        Meter.CreateObservableCounter("polytape_archive_bytes_total", () => archive.BytesWritten, unit: "By", description: "Compressed bytes written to archive files.");
        Meter.CreateObservableCounter("polytape_archive_records_total", () => archive.RecordsWritten, description: "Records written to the archive.");
        Meter.CreateObservableGauge("polytape_archive_queue_depth", () => archive.QueueDepth, description: "Records waiting for the archive writer; when full, reading slows.");
        Meter.CreateObservableGauge("polytape_archive_queue_bytes", () => archive.QueueBytes, unit: "By", description: "Bytes of the records waiting for the archive writer; at the budget, reading slows.");
    }

    /// <summary>
    /// The connection pool: reconnects, open connections, assets with no data for too long, and the churn of
    /// replacing silent connections against how often one proved its assets merely quiet.
    /// </summary>
    public void ObservePool(Func<long> reconnects, Func<int> connections, Func<int> staleAssets, Func<long> replacements, Func<long> quietBackoffs)
    {
        ArgumentNullException.ThrowIfNull(reconnects);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(staleAssets);
        ArgumentNullException.ThrowIfNull(replacements);
        ArgumentNullException.ThrowIfNull(quietBackoffs);
        Meter.CreateObservableCounter("polytape_connection_replacements_total", replacements, description: "Suspect connections replaced make-before-break.");
        Meter.CreateObservableCounter("polytape_quiet_backoffs_total", quietBackoffs, description: "Times a connection proved its assets quiet and its allowed silence was raised instead of replacing it again.");
        Meter.CreateObservableCounter("polytape_reconnects_total", reconnects, description: "Market-channel reconnects.");
        Meter.CreateObservableGauge("polytape_connections", connections, description: "Market-channel connections.");
        Meter.CreateObservableGauge("polytape_stale_assets", staleAssets, description: "Subscribed assets without a snapshot or data for longer than allowed.");
    }

    /// <summary>Discovery: tokens subscribed, and how many were added and removed since start.</summary>
    public void ObserveDiscovery(Func<long> active, Func<long> added, Func<long> removed)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removed);
        Meter.CreateObservableGauge("polytape_discovery_tokens_active", active, description: "Tokens discovery wants recorded.");
        Meter.CreateObservableCounter("polytape_discovery_tokens_added_total", added, description: "Tokens discovery added.");
        Meter.CreateObservableCounter("polytape_discovery_tokens_removed_total", removed, description: "Tokens discovery removed (expired, resolved, closed).");
    }

    /// <summary>The store loaders: writes, failures and queue depth of each, labelled by store name (read at scrape time).</summary>
    public void ObserveStorage(Func<IEnumerable<(string Store, long Writes, long Errors, int QueueDepth)>> stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Meter.CreateObservableCounter("polytape_storage_writes_total", () => stores().Select(s => new Measurement<long>(s.Writes, new KeyValuePair<string, object?>("store", s.Store))), description: "Writes by store.");
        Meter.CreateObservableCounter("polytape_storage_errors_total", () => stores().Select(s => new Measurement<long>(s.Errors, new KeyValuePair<string, object?>("store", s.Store))), description: "Failed writes by store.");
        Meter.CreateObservableGauge("polytape_storage_queue_depth", () => stores().Select(s => new Measurement<int>(s.QueueDepth, new KeyValuePair<string, object?>("store", s.Store))), description: "Items waiting for each store.");
    }

    public void Dispose() => Meter.Dispose();

    private static Measurement<long> Check(string check, long value) => new(value, new KeyValuePair<string, object?>("check", check));
}
