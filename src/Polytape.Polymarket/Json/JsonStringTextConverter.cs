using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polytape.Polymarket.Json;

/// <summary>
/// A field the venue sends as a JSON string (book <c>timestamp</c>, level <c>price</c>/<c>size</c>, Gamma
/// <c>id</c>), kept as its exact text. Reading also accepts a number (some captures re-serialised timestamps as
/// numbers); writing always emits a string, which is what the book hash needs.
/// </summary>
internal sealed class JsonStringTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonScalarText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
