using System.Text;
using System.Text.Json;

namespace Polytape.Polymarket.Json;

/// <summary>
/// Reads a JSON string or number as the exact text the venue sent. Polymarket sends the same decimal as a string
/// in one endpoint and a number in another (and captures sometimes re-serialise one into the other); keeping the
/// text, not a <c>double</c>, keeps "0.010" distinct from "0.01" and leaves the fixed-point conversion to the
/// domain boundary. Shared by the REST and Gamma models.
/// </summary>
internal static class JsonScalarText
{
    public static string Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Number:
                // Numbers never contain escapes, so the raw bytes are the text.
                return reader.HasValueSequence
                    ? Encoding.UTF8.GetString(reader.ValueSequence)
                    : Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                throw new JsonException($"Expected a JSON string or number, found {reader.TokenType}.");
        }
    }

    /// <summary>True when <paramref name="text"/> is a number by the JSON grammar, so it can be written unquoted.</summary>
    public static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (!SkipDigits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool SkipDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}
