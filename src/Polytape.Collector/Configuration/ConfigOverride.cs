namespace Polytape.Collector.Configuration;

/// <summary>One <c>--set path=value</c> from the command line (named flags such as <c>--simulate</c> arrive the same way).</summary>
public readonly record struct ConfigOverride(string Path, string Value)
{
    /// <summary>Parses "websocket.max_assets_per_connection=300"; dashes in the path count as underscores.</summary>
    public static ConfigOverride Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"--set '{text}' needs the form path=value, e.g. websocket.max_assets_per_connection=300");
        }

        return new ConfigOverride(text[..equals].Trim(), text[(equals + 1)..].Trim());
    }

    internal static void Apply(IReadOnlyList<ConfigOverride> overrides, ConfigLayer layer)
    {
        foreach (var item in overrides)
        {
            var path = item.Path.Replace('-', '_').ToLowerInvariant();
            var source = $"--set {item.Path}={item.Value}";
            if (ConfigSchema.ByPath.TryGetValue(path, out var setting))
            {
                layer.Set(setting, item.Value, source);
            }
            else
            {
                layer.UnknownKey(path, "", $"setting '{item.Path}'", source);
            }
        }
    }
}
