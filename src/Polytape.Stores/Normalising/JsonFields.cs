using System.Globalization;
using System.Text;
using System.Text.Json;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Normalising;

/// <summary>
/// Tolerant reads of the recorder's own small JSON payloads: a field may be missing, null, a string or a number,
/// and may go by one of several names; unknown fields are ignored. Cold path.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Find(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Strings as they are, numbers and booleans as their JSON text (so big ids written as numbers keep every digit).</summary>
    public static string? Text(JsonElement obj, params ReadOnlySpan<string> names) =>
        Find(obj, names) switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString() is { Length: > 0 } text ? text : null,
            { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
            _ => null,
        };

    public static long? Integer(JsonElement obj, params ReadOnlySpan<string> names) =>
        Text(obj, names) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static bool? Boolean(JsonElement obj, params ReadOnlySpan<string> names) =>
        Text(obj, names) switch
        {
            "true" or "True" or "1" => true,
            "false" or "False" or "0" => false,
            _ => null,
        };

    public static Price Price(JsonElement obj, params ReadOnlySpan<string> names) =>
        Text(obj, names) is { } text && Domain.Numerics.Price.TryParse(Encoding.UTF8.GetBytes(text), out var price) ? price : Domain.Numerics.Price.Empty;

    public static Size Size(JsonElement obj, params ReadOnlySpan<string> names) =>
        Text(obj, names) is { } text && Domain.Numerics.Size.TryParse(Encoding.UTF8.GetBytes(text), out var size) ? size : Domain.Numerics.Size.Empty;

    /// <summary>A time in milliseconds: a number (ms, or µs when it is that large) or an ISO-8601 string.</summary>
    public static long? Milliseconds(JsonElement obj, params ReadOnlySpan<string> names)
    {
        if (Text(obj, names) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // Milliseconds reach 10^13 around the year 2286; anything larger is microseconds.
            return number >= 10_000_000_000_000 ? number / 1000 : number;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
    }

    /// <summary>The payload's objects: the object itself, or each object of a top-level array.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement root) =>
        root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().Where(element => element.ValueKind == JsonValueKind.Object),
            _ => [],
        };
}
