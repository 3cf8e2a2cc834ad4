using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Tests;

public sealed class JsonStringUnescaperTests
{
    [Theory]
    [InlineData("\\\"", "\"")]
    [InlineData("\\\\", "\\")]
    [InlineData("\\/", "/")]
    [InlineData("\\b\\f\\n\\r\\t", "\b\f\n\r\t")]
    [InlineData("\\u0000\\u001f\\u001F", "\0\u001f\u001f")]
    [InlineData("\\u00e9\\u00E9", "éé")]
    [InlineData("\\u20AC", "€")]
    [InlineData("\\uD83D\\uDE00\\ud83d\\ude00", "😀😀")]
    [InlineData("a\\u0022b\\u005Cc", "a\"b\\c")]
    [InlineData("é€😀 raw", "é€😀 raw")]
    [InlineData("", "")]
    public void Every_escape_form_reads_back_as_its_utf8_bytes(string body, string expected)
    {
        var source = Encoding.UTF8.GetBytes(body + "\"trailing");
        var destination = new byte[source.Length];

        Assert.True(JsonStringUnescaper.TryUnescape(source, destination, out var consumed, out var written));

        Assert.Equal(Encoding.UTF8.GetBytes(expected), destination.AsSpan(0, written).ToArray());
        Assert.Equal(Encoding.UTF8.GetByteCount(body) + 1, consumed);
    }

    [Theory]
    [InlineData("\\x\"")]
    [InlineData("\\u12G4\"")]
    [InlineData("\\u12\"")]
    [InlineData("\\uD800\"")]
    [InlineData("\\uD800\\u0041\"")]
    [InlineData("\\uDC00\"")]
    [InlineData("\\uDE00\\uD83D\"")]
    [InlineData("tab\there\"")]
    [InlineData("no closing quote")]
    [InlineData("ends in a backslash\\")]
    public void Anything_that_is_not_a_json_string_body_is_refused(string body)
    {
        var source = Encoding.UTF8.GetBytes(body);

        Assert.False(JsonStringUnescaper.TryUnescape(source, new byte[source.Length * 4], out _, out _));
    }

    [Fact]
    public void A_destination_too_small_is_refused_not_overrun()
    {
        var source = Encoding.UTF8.GetBytes("0123456789abcdefghijklmnopqrstuvwxyz\\n\"");
        var destination = new byte[40];

        Assert.False(JsonStringUnescaper.TryUnescape(source, destination.AsSpan(0, 36), out _, out _));
        Assert.True(JsonStringUnescaper.TryUnescape(source, destination.AsSpan(0, 37), out _, out var written));
        Assert.Equal(37, written);
        Assert.All(destination[37..], value => Assert.Equal(0, value));
    }

    [Theory]
    [MemberData(nameof(EscapedQuoteBlockTests.Modes), MemberType = typeof(EscapedQuoteBlockTests))]
    public void Round_trips_random_payloads_through_the_escaper(bool shuffle)
    {
        var random = new Random(11);
        foreach (var payload in RandomTexts(random))
        {
            var escaped = new byte[JsonStringEscaper.MaxLength(payload.Length)];
            var length = JsonStringEscaper.Write(payload, escaped);
            var back = new byte[payload.Length];

            Assert.True(JsonStringUnescaper.TryUnescape(escaped.AsSpan(1, length - 1), back, shuffle, out var consumed, out var written));

            Assert.Equal(length - 1, consumed);
            Assert.Equal(payload, back.AsSpan(0, written).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(EscapedQuoteBlockTests.Modes), MemberType = typeof(EscapedQuoteBlockTests))]
    public void Agrees_with_utf8_json_reader_on_strings_written_by_utf8_json_writer(bool shuffle)
    {
        // Older archive files: the default encoder spells non-ASCII and HTML-sensitive characters as \uXXXX.
        var random = new Random(12);
        foreach (var encoder in new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
        {
            foreach (var payload in RandomTexts(random))
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
                {
                    writer.WriteStringValue(Encoding.UTF8.GetString(payload));
                }

                var reader = new Utf8JsonReader(buffer.WrittenSpan);
                reader.Read();
                var expected = new byte[buffer.WrittenCount];
                var expectedLength = reader.CopyString(expected);
                var back = new byte[buffer.WrittenCount];

                Assert.True(JsonStringUnescaper.TryUnescape(buffer.WrittenSpan[1..], back, shuffle, out _, out var written));

                Assert.Equal(expected.AsSpan(0, expectedLength).ToArray(), back.AsSpan(0, written).ToArray());
            }
        }
    }

    /// <summary>Valid UTF-8 of every length up to 80 and a few long ones: ASCII, specials, 2-, 3- and 4-byte characters.</summary>
    private static IEnumerable<byte[]> RandomTexts(Random random)
    {
        var lengths = Enumerable.Range(0, 81).SelectMany(length => Enumerable.Repeat(length, 8)).Concat([500, 4096, 70_000]);
        foreach (var length in lengths)
        {
            var text = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(12) switch
                {
                    0 => ((char)random.Next(0, 0x20)).ToString(),
                    1 => "\"",
                    2 => "\\",
                    3 => "é",
                    4 => "€",
                    5 => "😀",
                    6 => "<&'+>",
                    _ => ((char)random.Next(0x20, 0x7F)).ToString(),
                });
            }

            yield return Encoding.UTF8.GetBytes(text.ToString());
        }
    }
}
