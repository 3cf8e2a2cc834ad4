using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Collector.Ingest;

namespace Polytape.Collector.Recording;

/// <summary>What the recorder takes from its host: the clock, logging, and how sockets and HTTP clients are made.</summary>
public sealed class RecorderRuntime
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Null uses a plain <see cref="ClientWebSocket"/>.</summary>
    public Func<ClientWebSocket>? SocketFactory { get; init; }

    /// <summary>How the ingest step queues; benchmarks compare its variants. Null takes the defaults.</summary>
    public IngestOptions? Ingest { get; init; }

    /// <summary>
    /// Told of every book snapshot applied (connection, asset), on the ingest loop: tests use it as a barrier. Given
    /// here rather than subscribed after start, so the first snapshots cannot arrive before anyone listens.
    /// </summary>
    internal Action<string, string>? SnapshotApplied { get; init; }

    /// <summary>One client per API (Gamma, CLOB), so their connection pools and limits stay apart.</summary>
    public Func<HttpClient> CreateHttpClient { get; init; } = static () => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        // The clients apply their own per-request timeouts.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
