namespace Polytape.Collector.Configuration;

/// <summary>A valid configuration and the file it was read from (null when only defaults, environment and flags applied).</summary>
public sealed record LoadedRecorderConfig(RecorderConfig Config, string? FilePath);
