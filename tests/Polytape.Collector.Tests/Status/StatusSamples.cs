using Polytape.Collector.Feed;
using Polytape.Collector.Status;

namespace Polytape.Collector.Tests.Status;

/// <summary>Status documents for the tests: a healthy one and variations of it.</summary>
internal static class StatusSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static RecorderStatus Receiving() => new()
    {
        State = RecorderState.RunningReceiving,
        StateReason = "2 connections receiving",
        StartedAt = Start,
        GeneratedAt = Start.AddMinutes(90),
        Shard = "1/4",
        Connections =
        [
            new ConnectionStatus("c1", FeedState.Receiving, 3, 200, 2, Start.AddMinutes(89)) { SilenceAllowanceSeconds = 90 },
            new ConnectionStatus("c2", FeedState.Receiving, 1, 188, 0, Start.AddMinutes(89)),
        ],
        RecentSessions = [new SessionRecord("c1", 2, Start.AddMinutes(10), Start.AddMinutes(20), "stale", "no data for 60s")],
        Assets = new AssetCounts { Total = 2_388, Live = 2_380, Syncing = 6, Suspect = 2 },
        EventsPerSecond = 3_120.4,
        Archive = new ArchiveStatus { Bytes = 412_000_000, Files = 2, LastSequence = 9_000_001 },
        StoreLag = 0,
    };
}
