using System.Text;
using System.Text.Json;
using Polytape.Archive.Envelopes;
using Polytape.Archive.Tests.Support;

namespace Polytape.Archive.Tests;

public sealed class EnvelopeTests
{
    [Fact]
    public void Format_TrickyPayloads_ParseBackToExactBytes()
    {
        var writer = new EnvelopeWriter();
        for (var i = 0; i < Records.Tricky.Count; i++)
        {
            var original = Records.Tricky[i];
            var line = writer.Format(i + 1, Records.Ws(original)).ToArray();

            Assert.Equal((byte)'\n', line[^1]);
            Assert.Equal(-1, Array.IndexOf(line, (byte)'\n', 0, line.Length - 1));
            Assert.True(EnvelopeParser.TryParse(line.AsSpan(0, line.Length - 1), out var record, out var problem), problem);
            Assert.Equal(original, record.Payload.ToArray());
            Assert.Equal(i + 1, record.Sequence);
        }
    }

    [Fact]
    public void Format_ValidUtf8_IsAReadableStringAndInvalidIsBase64()
    {
        var writer = new EnvelopeWriter();
        using var text = JsonDocument.Parse(writer.Format(1, Records.Ws("é {\"a\":1}")).ToArray());
        using var binary = JsonDocument.Parse(writer.Format(2, Records.Ws(new byte[] { 0xFF, 0x41 })).ToArray());

        Assert.Equal("é {\"a\":1}", text.RootElement.GetProperty("payload").GetString());
        Assert.False(text.RootElement.TryGetProperty("payload_b64", out _));
        Assert.Equal(Convert.ToBase64String([0xFF, 0x41]), binary.RootElement.GetProperty("payload_b64").GetString());
        Assert.False(binary.RootElement.TryGetProperty("payload", out _));
    }

    [Fact]
    public void Format_AllFields_AreWrittenInEnvelopeOrderAndReadBack()
    {
        var writer = new EnvelopeWriter();
        var original = new ArchiveRecord
        {
            Kind = ArchiveRecordKind.Rest,
            ReceivedAtMicros = 1_790_000_000_123_456,
            Connection = "rest-verifier",
            Epoch = 7,
            ConnectionSequence = 42,
            EventType = "book",
            Context = "https://clob.polymarket.com/books?x=\"1\"",
            Payload = Encoding.UTF8.GetBytes("[]"),
        };

        var line = Encoding.UTF8.GetString(writer.Format(99, original)).TrimEnd('\n');
        Assert.True(EnvelopeParser.TryParse(Encoding.UTF8.GetBytes(line), out var back, out var problem), problem);

        Assert.Equal(
            "{\"seq\":99,\"recv_us\":1790000000123456,\"kind\":\"rest\",\"conn\":\"rest-verifier\",\"epoch\":7,\"conn_seq\":42,\"len\":2,"
            + "\"type\":\"book\",\"ctx\":\"https://clob.polymarket.com/books?x=\\\"1\\\"\",\"payload\":\"[]\"}",
            line);
        Assert.Equal(
            (99L, original.ReceivedAtMicros, original.Kind, original.Connection, original.Epoch, original.ConnectionSequence, original.EventType, original.Context),
            (back.Sequence, back.ReceivedAtMicros, back.Kind, back.Connection, back.Epoch, back.ConnectionSequence, back.EventType, back.Context));
    }

    [Fact]
    public void Format_ManyLabelsAndEqualTextInOtherStrings_EachLineCarriesItsOwnLabels()
    {
        // More distinct labels than the writer's identity slots, each seen again as a fresh string of the same text
        // and every kind, so slots are shared and replaced.
        var writer = new EnvelopeWriter();
        var connections = Enumerable.Range(0, 300).Select(i => $"conn-{i}").ToArray();
        var sequence = 0L;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < connections.Length; i++)
            {
                var connection = round == 1 ? new string(connections[i].AsSpan()) : connections[i];
                var eventType = i % 3 == 0 ? "book" : $"type \"{i % 7}\"";
                var kind = (ArchiveRecordKind)(1 + (i % 6));
                var line = writer.Format(++sequence, new ArchiveRecord { Kind = kind, Connection = connection, EventType = eventType, Payload = "{}"u8.ToArray() });

                Assert.True(EnvelopeParser.TryParse(line[..^1], out var back, out var problem), problem);
                Assert.Equal((kind, connection, eventType), (back.Kind, back.Connection, back.EventType));
            }
        }
    }

    [Fact]
    public void Format_HugePayloadThenSmallOnes_EachReadsBackExactly()
    {
        var writer = new EnvelopeWriter();
        var huge = new byte[2 << 20];
        Array.Fill(huge, (byte)'"');
        var payloads = new[] { huge, "{\"a\":1}"u8.ToArray(), huge.AsSpan(0, 5000).ToArray(), "x"u8.ToArray() };
        for (var i = 0; i < payloads.Length; i++)
        {
            var line = writer.Format(i + 1, Records.Ws(payloads[i]));
            Assert.True(EnvelopeParser.TryParse(line[..^1], out var record, out var problem), problem);
            Assert.Equal(payloads[i], record.Payload.ToArray());
        }
    }

    [Theory]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":3,\"payload\":\"ab\"}", "len")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2}", "required")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"telegram\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":0,\"payload\":\"\"}", "kind")]
    [InlineData("{\"seq\":1,\"recv_us\":1,\"kind\":\"ws\",\"conn\":\"\",\"epoch\":0,\"conn_seq\":0,\"len\":2,\"payload\":\"ab", "malformed")]
    [InlineData("[1,2]", "object")]
    public void TryParse_DamagedEnvelope_ReportsWhy(string line, string expectedWord)
    {
        Assert.False(EnvelopeParser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var problem));
        Assert.Contains(expectedWord, problem, StringComparison.OrdinalIgnoreCase);
    }
}
