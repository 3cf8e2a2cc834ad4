using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Polytape.Archive;
using Polytape.Archive.Envelopes;

namespace Polytape.Benchmarks;

/// <summary>
/// The recorder's per-frame archive formatting: a real market-channel payload escaped as a JSON string
/// (<see cref="JsonStringEscaper"/>), and the whole envelope line around it (<see cref="EnvelopeWriter.Format"/>).
/// Payloads are compact, as on the wire: a quote every ~5–10 bytes, no backslash or control byte.
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private byte[] _payload = [];
    private byte[] _output = [];
    private ArchiveRecord _record;
    private EnvelopeWriter _writer = new();
    private long _sequence;

    [Params("price_change", "book", "last_trade_price")]
    public string Frame { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Frame switch
        {
            "price_change" => FrameCorpus.PriceChange,
            "book" => FrameCorpus.PostTradeBook,
            // The capture is pretty-printed; the wire sends it compact.
            _ => JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(FrameCorpus.LastTradePrice).RootElement),
        };
        _output = new byte[JsonStringEscaper.MaxLength(_payload.Length)];
        _record = new ArchiveRecord
        {
            Kind = ArchiveRecordKind.Ws,
            Connection = "c017",
            Epoch = 1,
            ConnectionSequence = 123_456,
            ReceivedAtMicros = 1_790_000_000_000_000,
            EventType = Frame,
            Payload = _payload,
        };
        _writer = new EnvelopeWriter();
        Console.WriteLine($"// {Frame}: {_payload.Length} payload bytes");
    }

    [Benchmark]
    public int Escape() => JsonStringEscaper.Write(_payload, _output);

    /// <summary>The escaper as it was: blocks copied up to their first quote (still the path without SSSE3).</summary>
    [Benchmark]
    public int EscapeByCopies() => JsonStringEscaper.Write(_payload, _output, escapeQuoteBlocks: false);

    [Benchmark]
    public int Format() => _writer.Format(_sequence++, _record).Length;
}
