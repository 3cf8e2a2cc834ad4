using System.Text;
using Polytape.Archive.Envelopes;
using Polytape.Archive.Tests.Support;

namespace Polytape.Archive.Tests;

/// <summary>The fast path must read every line exactly as the Utf8JsonReader path does, and decline the rest.</summary>
public sealed class EnvelopeFastPathTests
{
    [Fact]
    public void Lines_from_the_writer_take_the_fast_path_and_read_back_exactly()
    {
        var writer = new EnvelopeWriter();
        var labels = new LabelCache();
        var records = Records.Tricky.Where(payload => System.Text.Unicode.Utf8.IsValid(payload)).Select(payload => Records.Ws(payload))
            .Append(Records.Ws("[]", eventType: null!, connection: ""))
            .Append(new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Rest,
                ReceivedAtMicros = -5,
                Connection = "rest-verifier",
                Epoch = int.MaxValue,
                ConnectionSequence = 0,
                EventType = "book",
                Context = "https://clob.polymarket.com/books?token_id=1",
                Payload = Encoding.UTF8.GetBytes("{\"a\":\"é\\n\"}"),
            })
            .ToList();
        for (var i = 0; i < records.Count; i++)
        {
            var line = writer.Format(i + 1, records[i]).ToArray().AsSpan(..^1);

            Assert.True(FastParse(line, labels, out var fast), Encoding.UTF8.GetString(line));
            Assert.True(EnvelopeParser.TryParseGeneral(line, out var general, out var problem), problem);
            AssertSame(general, fast);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-7L)]
    [InlineData(1234567L)]
    [InlineData(12345678L)]
    [InlineData(-123456789L)]
    [InlineData(1796178892197778L)]
    [InlineData(999_999_999_999_999_999L)]
    [InlineData(-100_000_000_000_000_000L)]
    [InlineData(1_000_000_000_000_000_000L)]
    [InlineData(long.MinValue)]
    public void Integers_of_every_length_read_as_the_general_path_reads_them(long value)
    {
        // Eight digits are read at a time: lengths around 8 and 16, the 18-digit limit, and past it (declined).
        var record = Records.Ws("[]") with { ReceivedAtMicros = value };
        var line = new EnvelopeWriter().Format(12345678, record).ToArray().AsSpan(..^1);
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture).TrimStart('-').Length;

        Assert.True(EnvelopeParser.TryParseGeneral(line, out var general, out var problem), problem);
        Assert.Equal(digits <= 18, FastParse(line, new LabelCache(), out var fast));
        if (digits <= 18)
        {
            AssertSame(general, fast);
            Assert.Equal(value, fast.ReceivedAtMicros);
        }
    }

    [Fact]
    public void Labels_repeat_as_the_same_string()
    {
        var writer = new EnvelopeWriter();
        var labels = new LabelCache();
        var first = writer.Format(1, Records.Ws("[]")).ToArray();
        var second = writer.Format(2, Records.Ws("[]")).ToArray();

        Assert.True(FastParse(first.AsSpan(..^1), labels, out var a));
        Assert.True(FastParse(second.AsSpan(..^1), labels, out var b));

        Assert.Same(a.Connection, b.Connection);
        Assert.Same(a.EventType, b.EventType);
    }

    [Theory]
    [InlineData("{\"recv_us\":1,\"seq\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"ab\"}")]
    [InlineData("{\"seq\":1, \"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"ab\"}")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"c\\u0031\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"ab\"}")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"ab\",\"later\":1}")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload_b64\":\"YWI=\"}")]
    public void Other_valid_layouts_are_declined_and_read_by_the_general_path(string text)
    {
        var line = Encoding.UTF8.GetBytes(text);

        Assert.False(FastParse(line, new LabelCache(), out _));
        Assert.True(EnvelopeParser.TryParse(line, out var record, out var problem), problem);
        Assert.Equal("ab"u8.ToArray(), record.Payload.ToArray());
    }

    [Theory]
    [InlineData("\\x")]
    [InlineData("\\u12G4")]
    [InlineData("\\uD800")]
    [InlineData("\\uDC00xx")]
    [InlineData("a\u0001")]
    public void A_bad_escape_in_the_payload_gives_the_error_utf8_json_reader_gave(string payload)
    {
        var line = Encoding.UTF8.GetBytes(
            $"{{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"{payload}\"}}");

        Assert.False(EnvelopeParser.TryParse(line, out _, out var problem, new LabelCache()));
        Assert.False(EnvelopeParser.TryParseGeneral(line, out _, out var expected));
        Assert.Equal(expected, problem);
        Assert.StartsWith("malformed envelope:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_lines_are_read_the_same_with_and_without_the_fast_path()
    {
        // Every byte of real lines overwritten with bytes that matter to the parsers: both must agree on every outcome.
        var writer = new EnvelopeWriter();
        byte[] replacements = [(byte)'"', (byte)'\\', (byte)'u', (byte)'0', (byte)'9', (byte)'-', (byte)',', (byte)'}', 0x01, 0x80, 0xC3, 0xFF];
        var lines = new[]
        {
            writer.Format(7, Records.Ws("{\"a\":[\"é\",\"\\n\"],\"b\":\"😀\"}", connection: "c017")).ToArray(),
            writer.Format(8, Records.Ws(Records.PriceChange(3))).ToArray(),
        };
        foreach (var original in lines)
        {
            for (var at = 0; at < original.Length - 1; at++)
            {
                foreach (var replacement in replacements)
                {
                    var line = original.AsSpan(..^1).ToArray();
                    line[at] = replacement;
                    var fastOk = EnvelopeParser.TryParse(line, out var fast, out var fastProblem, new LabelCache());
                    var generalOk = EnvelopeParser.TryParseGeneral(line, out var general, out var generalProblem);

                    Assert.True(fastOk == generalOk, $"byte {at} → {replacement:X2}: {fastProblem ?? "ok"} vs {generalProblem ?? "ok"}");
                    Assert.Equal(generalProblem, fastProblem);
                    if (fastOk)
                    {
                        AssertSame(general, fast);
                    }
                }
            }
        }
    }

    private static bool FastParse(ReadOnlySpan<byte> line, LabelCache labels, out ArchiveRecord record)
    {
        byte[]? fresh = null;
        return EnvelopeFastPath.TryParse(line, labels, ref fresh, out record);
    }

    private static void AssertSame(ArchiveRecord expected, ArchiveRecord actual)
    {
        Assert.Equal(
            (expected.Sequence, expected.ReceivedAtMicros, expected.Kind, expected.Connection, expected.Epoch, expected.ConnectionSequence, expected.EventType, expected.Context),
            (actual.Sequence, actual.ReceivedAtMicros, actual.Kind, actual.Connection, actual.Epoch, actual.ConnectionSequence, actual.EventType, actual.Context));
        Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
    }
}
