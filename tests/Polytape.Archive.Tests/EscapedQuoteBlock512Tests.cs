using System.Text;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Tests;

/// <summary>64-byte, 16-byte and plain blocks give the same bytes, counts and refusals, wherever escapes fall.</summary>
public sealed class EscapedQuoteBlock512Tests
{
    private static readonly string[] Pieces = ["\\\"", "\\\\", "\\n", "\\u00e9", "é", "\"", "\n", "\\"];

    [Fact]
    public void Every_block_width_agrees_on_escapes_shifted_through_two_wide_blocks()
    {
        var random = new Random(512);
        for (var shift = 0; shift < 140; shift++)
        {
            for (var density = 1; density <= 8; density++)
            {
                var body = new StringBuilder(new string('s', shift));
                for (var i = 0; i < 60; i++)
                {
                    body.Append(new string('x', random.Next(density)));
                    // Mostly \" pairs (a JSON payload), now and then anything else, the closing quote and raw bytes included.
                    body.Append(random.Next(12) < 9 ? "\\\"" : Pieces[random.Next(Pieces.Length)]);
                }

                body.Append("tail\"");
                AssertAllWidthsAgree(Encoding.UTF8.GetBytes(body.ToString()));
            }
        }
    }

    [Fact]
    public void A_destination_just_short_of_a_wide_block_is_refused_alike()
    {
        var source = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ab\\\"cd", 30)) + "\"");
        for (var room = 100; room < 130; room++)
        {
            AssertAllWidthsAgree(source, room);
        }
    }

    private static void AssertAllWidthsAgree(byte[] source, int? room = null)
    {
        var plain = Unescape(source, room, shuffle: false, wide: false);
        if (EscapedQuoteBlock.IsSupported)
        {
            Assert.Equal(plain, Unescape(source, room, shuffle: true, wide: false));
        }

        if (EscapedQuoteBlock.IsSupported && EscapedQuoteBlock512.IsSupported)
        {
            Assert.Equal(plain, Unescape(source, room, shuffle: true, wide: true));
        }
    }

    private static (bool Ok, int Consumed, string Bytes) Unescape(byte[] source, int? room, bool shuffle, bool wide)
    {
        var destination = new byte[(room ?? source.Length) + 64];
        var ok = JsonStringUnescaper.TryUnescape(source, destination.AsSpan(0, room ?? source.Length), shuffle, wide, out var consumed, out var written);
        return (ok, consumed, ok ? Convert.ToHexString(destination, 0, written) : string.Empty);
    }
}
