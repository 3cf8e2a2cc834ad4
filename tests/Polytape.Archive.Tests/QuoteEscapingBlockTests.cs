using System.Text;
using Polytape.Archive.Envelopes;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests;

/// <summary>
/// The escaper with and without the quote-escaping block shuffle writes exactly what a byte-at-a-time reference writes:
/// the same escapes (\" \\ \n \r \t \b \f, \u00XX for other control bytes), every other byte as is.
/// </summary>
public sealed class QuoteEscapingBlockTests
{
    public static TheoryData<bool> Modes() => QuoteEscapingBlock.IsSupported ? [false, true] : [false];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Random_payloads_of_every_length_and_density_match_the_reference(bool shuffle)
    {
        // Per mille of quotes, backslashes, control bytes and non-ASCII bytes; every length puts them at every offset
        // of a block and of the short last block.
        (int Quotes, int Backslashes, int Controls, int NonAscii)[] densities =
        [
            (0, 0, 0, 0), (150, 0, 0, 0), (400, 0, 0, 0), (1000, 0, 0, 0), (150, 30, 0, 0), (150, 0, 30, 0),
            (150, 0, 0, 200), (300, 300, 0, 0), (200, 100, 100, 100), (0, 500, 0, 0), (0, 0, 500, 0), (0, 0, 0, 1000),
            (100, 100, 100, 300),
        ];
        var random = new Random(17);
        foreach (var density in densities)
        {
            for (var length = 0; length <= 80; length++)
            {
                for (var trial = 0; trial < 12; trial++)
                {
                    var payload = new byte[length];
                    for (var i = 0; i < length; i++)
                    {
                        payload[i] = RandomByte(random, density.Quotes, density.Backslashes, density.Controls, density.NonAscii);
                    }

                    AssertMatchesReference(payload, shuffle);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void One_special_byte_at_every_position_matches_the_reference(bool shuffle)
    {
        byte[] specials = [(byte)'"', (byte)'\\', 0x00, 0x01, (byte)'\b', (byte)'\t', (byte)'\n', 0x0B, (byte)'\f', (byte)'\r', 0x1F, 0x7F, 0x80, 0xFF];
        for (var length = 1; length <= 48; length++)
        {
            for (var at = 0; at < length; at++)
            {
                foreach (var special in specials)
                {
                    foreach (var background in new[] { (byte)'a', (byte)'"' })
                    {
                        var payload = Enumerable.Repeat(background, length).ToArray();
                        payload[at] = special;
                        AssertMatchesReference(payload, shuffle);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Real_frames_match_the_reference_from_every_block_offset(bool shuffle)
    {
        var frames = RealData.ReadAllText("unidentified-go-repo_wire_frames_excerpt_2025-12.txt")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Encoding.UTF8.GetBytes)
            .Append(RealData.ReadAllBytes("nautilus_ws_last_trade_price_2024-08.json"))
            .Append(RealData.ReadAllBytes("nautilus_ws_book_2024-10.json"));
        foreach (var frame in frames)
        {
            for (var start = 0; start < 16; start++)
            {
                AssertMatchesReference(frame.AsSpan(start).ToArray(), shuffle);
            }
        }
    }

    [Fact]
    public void A_block_of_quotes_widens_to_32_bytes_and_stops_only_at_other_special_bytes()
    {
        if (!QuoteEscapingBlock.IsSupported)
        {
            return;
        }

        var destination = new byte[QuoteEscapingBlock.DestinationRoom];
        var taken = QuoteEscapingBlock.Escape(System.Runtime.Intrinsics.Vector128.Create((byte)'"'), 16, destination, out var written);
        Assert.Equal((16, 32), (taken, written));
        Assert.Equal(string.Concat(Enumerable.Repeat("\\\"", 16)), Encoding.ASCII.GetString(destination));

        taken = QuoteEscapingBlock.Escape(System.Runtime.Intrinsics.Vector128.Create("a\"b\"cdefghij\\\"kl"u8), 16, destination, out written);
        Assert.Equal((12, 14), (taken, written));
        Assert.Equal("a\\\"b\\\"cdefghij", Encoding.ASCII.GetString(destination, 0, written));
    }

    private static byte RandomByte(Random random, int quotes, int backslashes, int controls, int nonAscii)
    {
        var roll = random.Next(1000);
        if ((roll -= quotes) < 0)
        {
            return (byte)'"';
        }

        if ((roll -= backslashes) < 0)
        {
            return (byte)'\\';
        }

        if ((roll -= controls) < 0)
        {
            return (byte)random.Next(0x20);
        }

        return (roll -= nonAscii) < 0 ? (byte)random.Next(0x80, 0x100) : (byte)random.Next(0x20, 0x80);
    }

    /// <summary>Into a destination of exactly the documented size and one with room to spare, at every alignment.</summary>
    private static void AssertMatchesReference(byte[] payload, bool shuffle)
    {
        var expected = Reference(payload);
        foreach (var room in new[] { 0, 40 })
        {
            var destination = new byte[JsonStringEscaper.MaxLength(payload.Length) + room];
            var written = JsonStringEscaper.Write(payload, destination, shuffle);
            Assert.True(expected.AsSpan().SequenceEqual(destination.AsSpan(0, written)),
                $"payload {Convert.ToHexString(payload)}: expected {Encoding.Latin1.GetString(expected)}, got {Encoding.Latin1.GetString(destination, 0, written)}");
        }
    }

    /// <summary>One byte at a time, as simply as it can be written.</summary>
    private static byte[] Reference(byte[] payload)
    {
        var output = new List<byte> { (byte)'"' };
        foreach (var value in payload)
        {
            var text = value switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'\b' => "\\b",
                (byte)'\f' => "\\f",
                < 0x20 => $"\\u{value:x4}",
                _ => null,
            };
            if (text is null)
            {
                output.Add(value);
            }
            else
            {
                output.AddRange(Encoding.ASCII.GetBytes(text));
            }
        }

        output.Add((byte)'"');
        return [.. output];
    }
}
