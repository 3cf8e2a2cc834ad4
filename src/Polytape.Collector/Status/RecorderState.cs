using System.Text.Json.Serialization;

namespace Polytape.Collector.Status;

/// <summary>The recorder's state in one word, as the status document, <c>/ready</c> and the status line report it.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<RecorderState>))]
public enum RecorderState
{
    /// <summary>Discovery has not finished, or no data frame has arrived yet.</summary>
    Starting,

    /// <summary>Every connection is receiving.</summary>
    RunningReceiving,

    /// <summary>At least one connection that should be receiving is not (connecting, backing off, stale).</summary>
    RunningReconnecting,

    /// <summary>Discovery found nothing to record: healthy, but idle.</summary>
    RunningNoActiveTokens,

    /// <summary>Shutdown has begun: reading stopped, queues draining, the archive being sealed.</summary>
    Stopping,
}
