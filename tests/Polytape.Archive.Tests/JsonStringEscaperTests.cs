using System.Text;
using System.Text.Json;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Tests;

public sealed class JsonStringEscaperTests
{
    [Fact]
    public void Every_length_and_position_of_a_special_byte_reads_back_exactly_through_a_json_parser()
    {
        // Specials land before, on and after each 16-byte block boundary and in the scalar tail.
        byte[] specials = [(byte)'"', (byte)'\\', 0x00, 0x07, (byte)'\n', (byte)'\r', (byte)'\t', 0x08, 0x0C, 0x1F];
        var random = new Random(5);
        for (var length = 0; length <= 70; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var text = new StringBuilder();
                for (var i = 0; i < length; i++)
                {
                    var roll = random.Next(10);
                    text.Append(roll switch
                    {
                        0 => (char)specials[random.Next(specials.Length)],
                        1 => 'é',
                        2 => '€',
                        _ => (char)random.Next(0x20, 0x7F),
                    });
                }

                var payload = Encoding.UTF8.GetBytes(text.ToString());
                var output = new byte[JsonStringEscaper.MaxLength(payload.Length)];
                var written = JsonStringEscaper.Write(payload, output);

                var back = JsonSerializer.Deserialize<string>(output.AsSpan(0, written));
                Assert.Equal(text.ToString(), back);
            }
        }
    }

    [Fact]
    public void Only_what_json_requires_is_escaped()
    {
        var payload = Encoding.UTF8.GetBytes("a\"b\\c\nd\u0001é/<>&'+\u2028");
        var output = new byte[JsonStringEscaper.MaxLength(payload.Length)];
        var written = JsonStringEscaper.Write(payload, output);

        Assert.Equal("\"a\\\"b\\\\c\\nd\\u0001é/<>&'+\u2028\"", Encoding.UTF8.GetString(output, 0, written));
    }
}
