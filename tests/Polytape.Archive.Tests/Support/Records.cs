using System.Text;

namespace Polytape.Archive.Tests.Support;

/// <summary>Records and payloads for the tests, including the awkward ones.</summary>
public static class Records
{
    public static ArchiveRecord Ws(string payload, string eventType = "price_change", string connection = "c1", long connectionSequence = 1) =>
        Ws(Encoding.UTF8.GetBytes(payload), eventType, connection, connectionSequence);

    public static ArchiveRecord Ws(byte[] payload, string? eventType = "price_change", string connection = "c1", long connectionSequence = 1) =>
        new()
        {
            Kind = ArchiveRecordKind.Ws,
            Connection = connection,
            Epoch = 1,
            ConnectionSequence = connectionSequence,
            ReceivedAtMicros = 1_790_000_000_000_000 + connectionSequence,
            EventType = eventType,
            Payload = payload,
        };

    /// <summary>Escapes, quotes, control characters, non-ASCII, a surrogate pair, invalid UTF-8 and empty payloads.</summary>
    public static IReadOnlyList<byte[]> Tricky { get; } =
    [
        [],
        Encoding.UTF8.GetBytes("PONG"),
        Encoding.UTF8.GetBytes("{\"event_type\":\"book\",\"q\":\"say \\\"hi\\\"\"}"),
        Encoding.UTF8.GetBytes("back\\slash \"quotes\" /solidus/ \t tab \r\n newline"),
        [0x00, 0x01, 0x1F, 0x7F, (byte)'x'],
        Encoding.UTF8.GetBytes("é ü 中文 – € \u2028 \u2029 \uFFFD \uFEFF"),
        Encoding.UTF8.GetBytes("emoji 😀 and <script>&amp;</script> '+'"),
        [0xFF, 0xFE, 0x41],
        [0xC3],
        [0xED, 0xA0, 0x80],
        [(byte)'o', (byte)'k', 0xC0, 0xAF],
        Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
        Encoding.UTF8.GetBytes(new string('x', 100_000) + "\n" + new string('y', 10)),
    ];

    /// <summary>A realistic ~500-byte price_change frame with varying numbers.</summary>
    public static byte[] PriceChange(int i) =>
        Encoding.UTF8.GetBytes(
            "{\"market\":\"0x0936baff284871821b1ab5c64d33d67f117392dba34d461fe04360df893dfde4\",\"price_changes\":[{\"asset_id\":\""
            + "25245433628208476987364023432306599125597948324625578977436890641930158259698\",\"price\":\"0." + (10 + (i % 80))
            + "\",\"size\":\"" + (i * 37 % 10_000) + ".5\",\"side\":\"BUY\",\"hash\":\"" + (i * 2_654_435_761L).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            + "\",\"best_bid\":\"0.49\",\"best_ask\":\"0.51\"}],\"timestamp\":\"" + (1_766_481_546_487L + i) + "\",\"event_type\":\"price_change\"}");

    /// <summary>Incompressible bytes, to make compressed files grow quickly.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
