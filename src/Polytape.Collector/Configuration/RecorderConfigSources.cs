namespace Polytape.Collector.Configuration;

/// <summary>What <see cref="RecorderConfigLoader"/> reads, lowest precedence first: defaults, file, environment, overrides.</summary>
public sealed class RecorderConfigSources
{
    /// <summary><c>--config PATH</c>; when null, <c>POLYTAPE_CONFIG</c>, then <c>./polytape.yaml</c> if it exists.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where the default <c>polytape.yaml</c> is looked for.</summary>
    public string WorkingDirectory { get; init; } = ".";

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary><c>--set</c> values and named flags, applied in order (a later one wins).</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>The process environment's <c>POLYTAPE_*</c> variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentConfigReader.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                result[name] = entry.Value as string;
            }
        }

        return result;
    }
}
