using System.Globalization;

namespace Polytape.Collector.Configuration;

/// <summary>
/// One configurable value: its YAML path, how text becomes the value, and how the value is written back. YAML,
/// environment variables and <c>--set</c> all go through the same settings, so they accept the same spellings.
/// </summary>
internal sealed class ConfigSetting
{
    private readonly Action<RecorderConfig, string?> _set;
    private readonly Action<RecorderConfig, IReadOnlyList<string>>? _setList;
    private readonly Func<RecorderConfig, string> _format;
    private readonly Func<RecorderConfig, IReadOnlyList<string>>? _getList;

    private ConfigSetting(
        string path,
        Action<RecorderConfig, string?> set,
        Action<RecorderConfig, IReadOnlyList<string>>? setList,
        Func<RecorderConfig, string> format,
        Func<RecorderConfig, IReadOnlyList<string>>? getList = null)
    {
        Path = path;
        _set = set;
        _setList = setList;
        _format = format;
        _getList = getList;
    }

    public string Path { get; }

    /// <summary>Lists take a YAML sequence, or comma-separated text from the environment and <c>--set</c>.</summary>
    public bool IsList => _setList is not null;

    /// <summary>Sets the value from text; throws <see cref="FormatException"/> with what to write instead.</summary>
    public void Set(RecorderConfig config, string? text) => _set(config, text);

    public void SetList(RecorderConfig config, IReadOnlyList<string> items)
    {
        if (_setList is null)
        {
            throw new FormatException("expects a single value, not a list");
        }

        _setList(config, items);
    }

    /// <summary>The current value as it would be written in YAML (lists comma-separated).</summary>
    public string Format(RecorderConfig config) => _format(config);

    /// <summary>A list's items (a scalar's formatted value alone): items may themselves contain commas.</summary>
    public IReadOnlyList<string> Items(RecorderConfig config) => _getList is null ? [Format(config)] : _getList(config);

    public static ConfigSetting Text(string path, Func<RecorderConfig, string> get, Action<RecorderConfig, string> set) =>
        new(path, (c, t) => set(c, t ?? ""), null, get);

    public static ConfigSetting OptionalText(string path, Func<RecorderConfig, string?> get, Action<RecorderConfig, string?> set) =>
        new(path, (c, t) => set(c, string.IsNullOrWhiteSpace(t) ? null : t), null, c => get(c) ?? "");

    public static ConfigSetting Url(string path, Func<RecorderConfig, Uri> get, Action<RecorderConfig, Uri> set) =>
        new(path, (c, t) => set(c, ParseUrl(Required(t))), null, c => get(c).OriginalString);

    public static ConfigSetting OptionalUrl(string path, Func<RecorderConfig, Uri?> get, Action<RecorderConfig, Uri?> set) =>
        new(path, (c, t) => set(c, string.IsNullOrWhiteSpace(t) ? null : ParseUrl(t)), null, c => get(c)?.OriginalString ?? "");

    public static ConfigSetting Integer(string path, Func<RecorderConfig, int> get, Action<RecorderConfig, int> set) =>
        new(path, (c, t) => set(c, ParseInteger(Required(t))), null, c => get(c).ToString(CultureInfo.InvariantCulture));

    public static ConfigSetting Number(string path, Func<RecorderConfig, double> get, Action<RecorderConfig, double> set) =>
        new(path, (c, t) => set(c, ParseNumber(Required(t))), null, c => get(c).ToString(CultureInfo.InvariantCulture));

    public static ConfigSetting Flag(string path, Func<RecorderConfig, bool> get, Action<RecorderConfig, bool> set) =>
        new(path, (c, t) => set(c, ParseFlag(Required(t))), null, c => get(c) ? "true" : "false");

    public static ConfigSetting Duration(string path, Func<RecorderConfig, TimeSpan> get, Action<RecorderConfig, TimeSpan> set) =>
        new(path, (c, t) => set(c, ConfigDuration.Parse(Required(t))), null, c => ConfigDuration.Format(get(c)));

    public static ConfigSetting Choice<T>(string path, Func<RecorderConfig, T> get, Action<RecorderConfig, T> set)
        where T : struct, Enum =>
        new(path, (c, t) => set(c, ParseChoice<T>(Required(t))), null, c => get(c).ToString().ToLowerInvariant());

    public static ConfigSetting Shard(string path, Func<RecorderConfig, ShardSpec?> get, Action<RecorderConfig, ShardSpec?> set) =>
        new(path, (c, t) => set(c, string.IsNullOrWhiteSpace(t) ? null : ShardSpec.Parse(t)), null, c => get(c)?.ToString() ?? "");

    public static ConfigSetting List(string path, Func<RecorderConfig, IReadOnlyList<string>> get, Action<RecorderConfig, IReadOnlyList<string>> set) =>
        new(
            path,
            (c, t) => set(c, SplitList(t)),
            (c, items) => set(c, [.. items.Select(i => i.Trim()).Where(i => i.Length > 0)]),
            c => string.Join(',', get(c)),
            get);

    private static string Required(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw new FormatException("a value is required here") : text.Trim();

    private static string[] SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new FormatException($"'{text}' is not an absolute URL; write it in full, e.g. https://host/path");

    private static int ParseInteger(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a whole number");

    private static double ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"'{text}' is not a number");

    private static bool ParseFlag(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new FormatException($"'{text}' is not true or false"),
    };

    private static T ParseChoice<T>(string text)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        var match = names.FirstOrDefault(n => string.Equals(n, text.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Enum.Parse<T>(match)
            : throw new FormatException($"'{text}' is not one of: {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}");
    }
}
