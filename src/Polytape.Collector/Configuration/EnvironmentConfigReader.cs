namespace Polytape.Collector.Configuration;

/// <summary>
/// <c>POLYTAPE_&lt;SECTION&gt;__&lt;KEY&gt;</c> environment variables, e.g. <c>POLYTAPE_WEBSOCKET__MAX_ASSETS_PER_CONNECTION=300</c>
/// or <c>POLYTAPE_STORAGE__SQLITE__PATH</c>; lists are comma-separated. Other <c>POLYTAPE_</c> names without a
/// double underscore (such as <c>POLYTAPE_CONFIG</c>) are left alone.
/// </summary>
internal static class EnvironmentConfigReader
{
    public const string Prefix = "POLYTAPE_";

    public static void Apply(IReadOnlyDictionary<string, string?> environment, ConfigLayer layer)
    {
        // Sorted so that problems come out in a stable order.
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = name[Prefix.Length..];
            var path = rest.ToLowerInvariant().Replace("__", ".", StringComparison.Ordinal);
            var source = "environment " + name;
            if (ConfigSchema.ByPath.TryGetValue(path, out var setting))
            {
                layer.Set(setting, value, source);
            }
            else if (rest.Contains("__", StringComparison.Ordinal))
            {
                layer.UnknownKey(path, "", $"setting in {name}", source);
            }
        }
    }
}
