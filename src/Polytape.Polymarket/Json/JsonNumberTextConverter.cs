using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Json;

/// <summary>
/// A field the venue sends as a JSON number (<c>"minimum_tick_size": 0.01</c>), kept as its exact text. Reading
/// also accepts a string, because the venue and re-serialised captures are not consistent. Writing emits a
/// number again, unquoted, so a simulator serves the venue's type; text that is not a JSON number is written as
/// a string rather than producing invalid JSON.
/// </summary>
internal sealed class JsonNumberTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonScalarText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (JsonScalarText.IsJsonNumber(value))
        {
            writer.WriteRawValue(value, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
