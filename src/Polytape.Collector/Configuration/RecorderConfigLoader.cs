namespace Polytape.Collector.Configuration;

/// <summary>
/// Builds the recorder's configuration: built-in defaults &lt; YAML file &lt; <c>POLYTAPE_*</c> environment &lt;
/// <c>--set</c>. Every problem of every layer and of the result is collected and thrown once, so a user fixes
/// them all in one go.
/// </summary>
public static class RecorderConfigLoader
{
    public const string DefaultFileName = "polytape.yaml";

    public const string ConfigPathVariable = "POLYTAPE_CONFIG";

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static LoadedRecorderConfig Load(RecorderConfigSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var config = new RecorderConfig();
        var problems = new List<ConfigProblem>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var layer = new ConfigLayer(config, problems, origins);

        var file = ResolveFile(sources, problems);
        if (file is not null)
        {
            try
            {
                using var reader = File.OpenText(file);
                YamlConfigReader.Apply(reader, file, layer);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ConfigProblem(file, $"cannot be read: {ex.Message}"));
            }
        }

        EnvironmentConfigReader.Apply(sources.Environment, layer);
        ConfigOverride.Apply(sources.Overrides, layer);

        return new LoadedRecorderConfig(Finish(config, problems, origins), file);
    }

    /// <summary>Reads YAML text alone (no environment, no overrides), validated: for tests and <c>--config -</c> style tooling.</summary>
    public static RecorderConfig LoadYaml(string yaml, string fileName = DefaultFileName)
    {
        var config = new RecorderConfig();
        var problems = new List<ConfigProblem>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = new StringReader(yaml))
        {
            YamlConfigReader.Apply(reader, fileName, new ConfigLayer(config, problems, origins));
        }

        return Finish(config, problems, origins);
    }

    /// <summary>Validation judges the merged result; a setting that failed to parse already has its problem.</summary>
    private static RecorderConfig Finish(RecorderConfig config, List<ConfigProblem> problems, Dictionary<string, string> origins)
    {
        var failed = problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in config.Validate())
        {
            if (!failed.Contains(problem.Path))
            {
                problems.Add(problem with { Source = origins.GetValueOrDefault(problem.Path) });
            }
        }

        return problems.Count > 0 ? throw new ConfigurationException(problems) : config;
    }

    private static string? ResolveFile(RecorderConfigSources sources, List<ConfigProblem> problems)
    {
        var explicitPath = sources.ConfigPath;
        var origin = "--config";
        if (string.IsNullOrWhiteSpace(explicitPath) && sources.Environment.TryGetValue(ConfigPathVariable, out var fromEnvironment)
            && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            explicitPath = fromEnvironment;
            origin = ConfigPathVariable;
        }

        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (File.Exists(explicitPath))
            {
                return explicitPath;
            }

            problems.Add(new ConfigProblem(origin, $"the file '{explicitPath}' does not exist; give the path of a polytape.yaml (see polytape.example.yaml)"));
            return null;
        }

        var defaultPath = Path.Combine(sources.WorkingDirectory, DefaultFileName);
        return File.Exists(defaultPath) ? defaultPath : null;
    }
}
