using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Polytape.Collector.Configuration;

/// <summary>
/// Reads <c>polytape.yaml</c> through YamlDotNet's node model (no reflection, so it stays AOT-safe) and applies
/// each known key. Unknown keys, wrong shapes and malformed YAML become problems with line and column.
/// </summary>
internal static class YamlConfigReader
{
    public static void Apply(TextReader reader, string fileName, ConfigLayer layer)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            layer.Problem(fileName, $"malformed YAML: {Describe(ex)}", At(fileName, ex.Start));
            return;
        }

        if (stream.Documents.Count == 0)
        {
            return;
        }

        if (stream.Documents.Count > 1)
        {
            layer.Problem(fileName, "holds several YAML documents (---); keep one", At(fileName, stream.Documents[1].RootNode.Start));
        }

        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode root:
                ApplyMapping(root, "", fileName, layer);
                break;
            case YamlScalarNode { Value: null or "" }:
                break;
            case var other:
                layer.Problem(fileName, "must be a mapping of sections (discovery:, websocket:, …) at the top level", At(fileName, other.Start));
                break;
        }
    }

    private static void ApplyMapping(YamlMappingNode mapping, string section, string fileName, ConfigLayer layer)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var source = At(fileName, keyNode.Start);
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                layer.Problem(section.Length == 0 ? fileName : section, "keys must be plain names", source);
                continue;
            }

            var path = section.Length == 0 ? key : section + "." + key;
            if (ConfigSchema.ByPath.TryGetValue(path, out var setting))
            {
                ApplyValue(setting, valueNode, fileName, layer);
            }
            else if (ConfigSchema.Sections.Contains(path))
            {
                if (valueNode is YamlMappingNode nested)
                {
                    ApplyMapping(nested, path, fileName, layer);
                }
                else if (valueNode is not YamlScalarNode { Value: null or "" })
                {
                    layer.Problem(path, $"is a section; give it keys ({string.Join(", ", ConfigSchema.KeysUnder(path))})", At(fileName, valueNode.Start));
                }
            }
            else
            {
                layer.UnknownKey(path, section, $"key '{key}'", source);
            }
        }
    }

    private static void ApplyValue(ConfigSetting setting, YamlNode node, string fileName, ConfigLayer layer)
    {
        var source = At(fileName, node.Start);
        switch (node)
        {
            case YamlScalarNode scalar:
                layer.Set(setting, NullIfTilde(scalar), source);
                break;
            case YamlSequenceNode sequence when setting.IsList:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } text })
                    {
                        items.Add(text);
                    }
                    else
                    {
                        layer.Problem(setting.Path, "list items must be plain values", At(fileName, item.Start));
                    }
                }

                layer.SetList(setting, items, source);
                break;
            default:
                layer.Problem(setting.Path, setting.IsList ? "expects a list of values" : "expects a single value, not a list or a section", source);
                break;
        }
    }

    /// <summary>An unquoted ~ or null is YAML's null; YamlDotNet hands it over as text.</summary>
    private static string? NullIfTilde(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL" ? null : scalar.Value;

    private static string At(string fileName, Mark mark) => $"{fileName} line {mark.Line}, column {mark.Column}";

    /// <summary>YamlDotNet prefixes its messages with the marks, which the source already gives.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return separator >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(separator + 3)..] : message;
    }
}
