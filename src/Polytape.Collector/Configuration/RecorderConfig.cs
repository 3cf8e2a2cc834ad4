namespace Polytape.Collector.Configuration;

/// <summary>
/// Everything <c>polytape record</c> can be told, as read from <c>polytape.yaml</c>, <c>POLYTAPE_*</c>
/// environment variables and <c>--set</c>. The defaults record from the real Polymarket endpoints into
/// <c>./data</c>; <see cref="RecorderConfigLoader"/> layers the sources and <see cref="Validate"/> checks the result.
/// </summary>
public sealed class RecorderConfig
{
    public DiscoveryConfig Discovery { get; set; } = new();

    public WebSocketConfig WebSocket { get; set; } = new();

    public RestConfig Rest { get; set; } = new();

    public ArchiveConfig Archive { get; set; } = new();

    public StorageConfig Storage { get; set; } = new();

    public ObservabilityConfig Observability { get; set; } = new();

    /// <summary>Run the built-in simulator in-process and record from it instead of Polymarket (offline demo).</summary>
    public bool Simulate { get; set; }

    /// <summary>This collector's share of the token space when several split it (<c>i/n</c>); null records everything.</summary>
    public ShardSpec? Shard { get; set; }

    /// <summary>Every problem in the configuration, each with its YAML path and what to do; empty when valid.</summary>
    public IReadOnlyList<ConfigProblem> Validate() => RecorderConfigValidator.Validate(this);
}
