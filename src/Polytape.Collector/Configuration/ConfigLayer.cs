namespace Polytape.Collector.Configuration;

/// <summary>
/// Applies values from one source (a YAML file, the environment, <c>--set</c>) onto a configuration, collecting
/// every problem instead of stopping at the first, and remembering where each setting's value came from.
/// </summary>
internal sealed class ConfigLayer(RecorderConfig config, List<ConfigProblem> problems, Dictionary<string, string> origins)
{
    public RecorderConfig Config { get; } = config;

    public void Problem(string path, string message, string? source) => problems.Add(new ConfigProblem(path, message, source));

    public void Set(ConfigSetting setting, string? text, string source) =>
        Apply(setting, source, () => setting.Set(Config, text));

    public void SetList(ConfigSetting setting, IReadOnlyList<string> items, string source) =>
        Apply(setting, source, () => setting.SetList(Config, items));

    /// <summary>"unknown key 'x'; did you mean 'y'?", or the valid keys of the section when nothing is close.</summary>
    public void UnknownKey(string path, string section, string what, string source)
    {
        var nearest = ConfigSchema.Nearest(path);
        var hint = nearest is not null
            ? $"did you mean '{nearest}'?"
            : $"valid keys{(section.Length == 0 ? "" : " under " + section)}: {string.Join(", ", ConfigSchema.KeysUnder(section))}";
        Problem(path, $"unknown {what}; {hint}", source);
    }

    private void Apply(ConfigSetting setting, string source, Action apply)
    {
        try
        {
            apply();
            origins[setting.Path] = source;
        }
        catch (FormatException ex)
        {
            Problem(setting.Path, ex.Message, source);
        }
    }
}
