using Polytape.Archive;
using Polytape.Collector.Discovery;
using Polytape.Collector.Feed;
using Polytape.Collector.Ingest;
using Polytape.Collector.Status;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Recording;

/// <summary>Assembles the status document from the components' own counters; cheap enough to call every second.</summary>
internal sealed class RecorderStatusBuilder(
    TimeProvider time,
    DateTimeOffset startedAt,
    string? shard,
    FeedPool pool,
    IngestPipeline pipeline,
    MarketDiscovery discovery,
    ArchiveWriter archive,
    SessionHistory sessions,
    ComponentFaults faults,
    Func<long?> storeLag)
{
    private readonly Lock _rateGate = new();
    private long _lastFrames;
    private long _lastTimestamp = time.GetTimestamp();
    private double _eventsPerSecond;

    public bool Stopping { get; set; }

    public RecorderStatus Build()
    {
        var poolStatus = pool.GetStatus();
        var continuity = pipeline.Continuity;
        var connections = poolStatus.Connections
            .Select(c => new ConnectionStatus(c.Id, c.State, c.Epoch, c.Assets, c.Reconnects, c.LastDataAt) { SilenceAllowanceSeconds = c.SilenceAllowance.TotalSeconds })
            .ToList();
        var (state, reason) = RecorderStateRules.Decide(new RecorderStateInputs
        {
            Stopping = Stopping,
            DiscoveryCompleted = discovery.Statistics.LastRefreshAt is not null,
            DesiredAssets = poolStatus.AssetsDesired,
            Connections = connections.Count,
            ConnectionsReceiving = connections.Count(c => c.State == FeedState.Receiving),
            AnyDataReceived = pipeline.Frames > 0,
        });

        return new RecorderStatus
        {
            State = state,
            StateReason = reason,
            StartedAt = startedAt,
            GeneratedAt = time.GetUtcNow(),
            Shard = shard,
            Connections = connections,
            RecentSessions = sessions.Recent(),
            Assets = new AssetCounts
            {
                Total = poolStatus.AssetsDesired,
                Live = continuity.Live,
                Syncing = continuity.Syncing,
                Suspect = continuity.Suspect,
                Resyncing = continuity.Resyncing,
            },
            EventsPerSecond = SampleRate(),
            Archive = new ArchiveStatus
            {
                Bytes = archive.BytesWritten,
                LastSequence = archive.LastSequence > 0 ? archive.LastSequence : null,
            },
            StoreLag = storeLag(),
            Faults = faults.Current,
            LastError = faults.LastError,
        };
    }

    /// <summary>Frames per second since the previous call (the status line and file ask about once a second).</summary>
    private double SampleRate()
    {
        lock (_rateGate)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_lastTimestamp, now);
            if (elapsed >= TimeSpan.FromMilliseconds(500))
            {
                var frames = pipeline.Frames;
                _eventsPerSecond = (frames - _lastFrames) / elapsed.TotalSeconds;
                _lastFrames = frames;
                _lastTimestamp = now;
            }

            return _eventsPerSecond;
        }
    }
}
