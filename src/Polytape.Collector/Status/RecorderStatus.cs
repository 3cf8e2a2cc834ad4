using System.Text.Json.Serialization;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Status;

/// <summary>
/// The recorder at one moment, as served on <c>/status</c>, written to the status file and drawn as the status
/// line. A plain record: the host fills it from its components; nothing here reads them itself.
/// </summary>
public sealed record RecorderStatus
{
    public required RecorderState State { get; init; }

    /// <summary>Why the state is what it is, in words ("3 of 12 connections not receiving").</summary>
    public string? StateReason { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When this document was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public double UptimeSeconds => Math.Max(0, (GeneratedAt - StartedAt).TotalSeconds);

    /// <summary>This collector's shard ("1/4"), null when it records everything.</summary>
    public string? Shard { get; init; }

    public IReadOnlyList<ConnectionStatus> Connections { get; init; } = [];

    /// <summary>The latest sessions, newest first (see <see cref="SessionHistory"/>).</summary>
    public IReadOnlyList<SessionRecord> RecentSessions { get; init; } = [];

    public AssetCounts Assets { get; init; } = new();

    /// <summary>Market-channel events per second over the last sampling interval.</summary>
    public double EventsPerSecond { get; init; }

    public ArchiveStatus Archive { get; init; } = new();

    /// <summary>Records the slowest store is behind the archive; null when no store is configured.</summary>
    public long? StoreLag { get; init; }

    /// <summary>Components whose loop has ended with an error: <c>/health</c> fails while any is listed.</summary>
    public IReadOnlyList<ComponentFault> Faults { get; init; } = [];

    /// <summary>The most recent error of any component, even one it recovered from.</summary>
    public ComponentFault? LastError { get; init; }
}

/// <summary>One market-channel connection.</summary>
public sealed record ConnectionStatus(
    string Id,
    [property: JsonConverter(typeof(LowerSnakeCaseEnumConverter<FeedState>))] FeedState State,
    int Epoch,
    int Assets,
    long Reconnects,
    DateTimeOffset? LastDataAt)
{
    /// <summary>How long it may stay silent while others deliver: 45 s by default, raised while its assets prove quiet.</summary>
    public double SilenceAllowanceSeconds { get; init; }
}

/// <summary>One session of a connection: from its subscription to its end (null while it lasts).</summary>
public sealed record SessionRecord(string Connection, int Epoch, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Reason, string? Detail);

/// <summary>Subscribed assets by continuity state.</summary>
public sealed record AssetCounts
{
    public int Total { get; init; }

    public int Live { get; init; }

    public int Syncing { get; init; }

    public int Suspect { get; init; }

    public int Resyncing { get; init; }
}

/// <summary>The raw archive's size and position.</summary>
public sealed record ArchiveStatus
{
    public long Bytes { get; init; }

    public int Files { get; init; }

    /// <summary>Global sequence of the last record written; null before the first.</summary>
    public long? LastSequence { get; init; }
}

/// <summary>An error a component reported: which component, what, and when.</summary>
public sealed record ComponentFault(string Component, string Message, DateTimeOffset At);
