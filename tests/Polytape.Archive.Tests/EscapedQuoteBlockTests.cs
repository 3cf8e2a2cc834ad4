using System.Text;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Tests;

/// <summary>The unescaper with and without the \" block shuffle gives the same bytes, counts and refusals.</summary>
public sealed class EscapedQuoteBlockTests
{
    public static TheoryData<bool> Modes() => EscapedQuoteBlock.IsSupported ? [false, true] : [false];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Quote_escapes_at_every_offset_and_density_read_back_exactly(bool shuffle)
    {
        // Quotes every 1..5 bytes, shifted through a 16-byte block, with \\, \n and \u escapes mixed in.
        var random = new Random(21);
        for (var gap = 0; gap <= 5; gap++)
        {
            for (var shift = 0; shift < 20; shift++)
            {
                var text = new StringBuilder(new string('s', shift));
                for (var i = 0; i < 40; i++)
                {
                    text.Append(new string('x', gap)).Append(random.Next(10) switch
                    {
                        0 => "\\",
                        1 => "\n",
                        2 => "é",
                        _ => "\"",
                    });
                }

                AssertReadsBack(Encoding.UTF8.GetBytes(text.ToString()), shuffle);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_json_payload_reads_back_exactly(bool shuffle)
    {
        var payload = """{"event_type":"price_change","market":"0xabc","price_changes":[{"asset_id":"123","price":"0.5","size":"10","side":"BUY"}],"note":"a \"quoted\" \\ word"}"""u8.ToArray();

        AssertReadsBack(payload, shuffle);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Backslashes_not_followed_by_a_quote_are_decoded_not_dropped(bool shuffle)
    {
        // \\" is an escaped backslash then the closing quote; \\\" a backslash then a quote.
        var source = "0123456789ab\\\\\\\"cd\\\\\"tail-tail-tail-tail"u8;
        var destination = new byte[source.Length];

        Assert.True(JsonStringUnescaper.TryUnescape(source, destination, shuffle, out var consumed, out var written));

        Assert.Equal("0123456789ab\\\"cd\\"u8.ToArray(), destination.AsSpan(0, written).ToArray());
        Assert.Equal(source.IndexOf("tail"u8), consumed);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_control_byte_among_quote_escapes_is_refused(bool shuffle)
    {
        var source = "ab\\\"cd\\\"e\tf\\\"gh\\\"ijklmnopqrstuvwxyz\""u8;

        Assert.False(JsonStringUnescaper.TryUnescape(source, new byte[source.Length], shuffle, out _, out _));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_destination_one_byte_short_is_refused_and_untouched_beyond_it(bool shuffle)
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ab\"c", 20)));
        var escaped = Escape(payload);
        var destination = new byte[payload.Length + 16];

        Assert.False(JsonStringUnescaper.TryUnescape(escaped, destination.AsSpan(0, payload.Length - 1), shuffle, out _, out _));
        Assert.All(destination[(payload.Length - 1)..], value => Assert.Equal(0, value));
        Assert.True(JsonStringUnescaper.TryUnescape(escaped, destination.AsSpan(0, payload.Length), shuffle, out _, out var written));
        Assert.Equal(payload, destination.AsSpan(0, written).ToArray());
        Assert.All(destination[payload.Length..], value => Assert.Equal(0, value));
    }

    private static void AssertReadsBack(byte[] payload, bool shuffle)
    {
        var escaped = Escape(payload);
        foreach (var room in new[] { payload.Length, payload.Length + 64 })
        {
            var back = new byte[room];

            Assert.True(JsonStringUnescaper.TryUnescape(escaped, back, shuffle, out var consumed, out var written));

            Assert.Equal(escaped.Length - "tail".Length, consumed);
            Assert.Equal(payload, back.AsSpan(0, written).ToArray());
        }
    }

    /// <summary>The payload as the archive writes it, a JSON string body through the closing quote, then "tail".</summary>
    private static byte[] Escape(byte[] payload)
    {
        var escaped = new byte[JsonStringEscaper.MaxLength(payload.Length)];
        var length = JsonStringEscaper.Write(payload, escaped);
        Assert.Contains((byte)'\\', escaped.AsSpan(0, length).ToArray());
        return [.. escaped.AsSpan(1, length - 1), .. "tail"u8];
    }
}
