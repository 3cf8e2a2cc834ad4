using System.Text.Json;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>
/// Compares a served JSON object with real captures of the same object (shared/realdata): every key served must
/// appear in some capture, with the same JSON type wherever both values are non-null.
/// </summary>
internal static class RealShapes
{
    public static void AssertLike(IEnumerable<JsonElement> captures, JsonElement served, params string[] documentedExtras)
    {
        var real = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal);
        foreach (var property in captures.SelectMany(c => c.EnumerateObject()))
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                real[property.Name] = Kind(property.Value);
            }
            else
            {
                real.TryAdd(property.Name, JsonValueKind.Null);
            }
        }

        foreach (var property in served.EnumerateObject())
        {
            if (documentedExtras.Contains(property.Name))
            {
                continue;
            }

            Assert.True(real.TryGetValue(property.Name, out var kind), $"'{property.Name}' is in no real capture");
            if (kind != JsonValueKind.Null && property.Value.ValueKind != JsonValueKind.Null)
            {
                Assert.True(kind == Kind(property.Value), $"'{property.Name}' is {Kind(property.Value)}, real captures have {kind}");
            }
        }
    }

    public static JsonElement Parse(string json) => JsonElement.Parse(json);

    public static JsonElement Parse(byte[] utf8Json) => JsonElement.Parse(utf8Json);

    // true and false are one type.
    private static JsonValueKind Kind(JsonElement value) => value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;
}
