using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polytape.Polymarket.Rest;

namespace Polytape.Polymarket.Json;

/// <summary>
/// Gamma sends <c>clobTokenIds</c>, <c>outcomes</c> and <c>outcomePrices</c> as a JSON array encoded inside a
/// string (<c>"[\"Yes\", \"No\"]"</c>). This decodes it to a list of exact texts; a real JSON array is accepted
/// too, and "" reads as an empty list. Writing re-encodes the venue's way, with ", " between elements.
/// </summary>
internal sealed class JsonEncodedStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ReadArray(ref reader);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string holding a JSON array, or an array; found {reader.TokenType}.");
        }

        var encoded = reader.GetString()!;
        if (string.IsNullOrWhiteSpace(encoded))
        {
            return [];
        }

        var inner = new Utf8JsonReader(Encoding.UTF8.GetBytes(encoded));
        try
        {
            if (!inner.Read() || inner.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("The string does not hold a JSON array.");
            }

            var list = ReadArray(ref inner);
            if (inner.Read())
            {
                throw new JsonException("The string holds more than one JSON value.");
            }

            return list;
        }
        catch (JsonException ex)
        {
            // Name the encoded text: the outer reader's position only points at the whole string.
            throw new JsonException($"Could not decode the JSON-encoded array \"{Shorten(encoded)}\": {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        var encoded = new StringBuilder("[");
        for (var i = 0; i < value.Count; i++)
        {
            if (i > 0)
            {
                encoded.Append(", ");
            }

            encoded.Append('"').Append(JavaScriptEncoder.Default.Encode(value[i])).Append('"');
        }

        writer.WriteStringValue(encoded.Append(']').ToString());
    }

    // Reads from StartArray to its EndArray; elements are strings or numbers, kept as exact text.
    private static List<string> ReadArray(ref Utf8JsonReader reader)
    {
        var list = new List<string>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(JsonScalarText.Read(ref reader));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("The array is not closed.");
        }

        return list;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
