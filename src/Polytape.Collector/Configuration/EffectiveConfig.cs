using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Polytape.Collector.Configuration;

/// <summary>
/// The configuration actually in force, every setting by path, with passwords hidden: for the start-up log and
/// for printing what the layers of file, environment and flags added up to.
/// </summary>
public static partial class EffectiveConfig
{
    /// <summary>Every setting as (path, value as written in YAML), in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(RecorderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. ConfigSchema.All.Select(s => KeyValuePair.Create(s.Path, Redact(s.Format(config))))];
    }

    /// <summary>The settings as a polytape.yaml that loads back to the same configuration (unless a password was hidden).</summary>
    public static string ToYaml(RecorderConfig config)
    {
        var yaml = new StringBuilder();
        string[] open = [];
        foreach (var setting in ConfigSchema.All)
        {
            var parts = setting.Path.Split('.');
            var shared = 0;
            while (shared < open.Length && shared < parts.Length - 1 && open[shared] == parts[shared])
            {
                shared++;
            }

            for (var depth = shared; depth < parts.Length - 1; depth++)
            {
                yaml.Append(' ', depth * 2).Append(parts[depth]).Append(":\n");
            }

            open = parts[..^1];
            yaml.Append(' ', (parts.Length - 1) * 2).Append(parts[^1]).Append(':');
            var value = Redact(setting.Format(config));
            if (setting.IsList)
            {
                yaml.Append(" [").AppendJoin(", ", setting.Items(config).Select(i => Quote(Redact(i)))).Append(']');
            }
            else if (value.Length > 0)
            {
                yaml.Append(' ').Append(Quote(value));
            }

            yaml.Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>A JSON string is a valid YAML double-quoted scalar with the same escapes.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value, ConfigJsonContext.Default.String);

    private static string Redact(string value) => PasswordPattern().Replace(value, "$1***");

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();
}

/// <summary>Source-generated string serialization (AOT-safe).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ConfigJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
