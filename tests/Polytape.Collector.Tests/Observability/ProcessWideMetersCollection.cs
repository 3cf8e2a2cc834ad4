namespace Polytape.Collector.Tests.Observability;

/// <summary>
/// Tests that scrape the process-wide "Polytape" meter run alone: the OpenTelemetry listener takes every meter of that name in
/// the process, so a recorder test running beside them (each recorder publishes its own instruments under it) changes what
/// they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetersCollection
{
    public const string Name = "Process-wide meters";
}
