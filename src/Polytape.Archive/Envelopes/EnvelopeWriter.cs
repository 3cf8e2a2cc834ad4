using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Formats one record as one JSON line into a reused buffer: no allocation per record once warm.
/// Owned by the writer loop alone; the returned span is valid until the next call.
/// </summary>
internal sealed class EnvelopeWriter : IDisposable
{
    /// <summary>A frame is typically under 4 KB; start there and grow on demand.</summary>
    private const int InitialCapacity = 4096;

    /// <summary>One large REST body must not pin a large buffer for the life of the writer.</summary>
    private const int ShrinkAbove = 1 << 20;

    private const int ShrinkEscapedAbove = 8 << 20;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // For the short fields; the payload goes through JsonStringEscaper. Keeps non-ASCII text readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private ArrayBufferWriter<byte> _buffer = new(InitialCapacity);
    private byte[] _escaped = new byte[JsonStringEscaper.MaxLength(InitialCapacity)];
    private readonly Utf8JsonWriter _json;

    public EnvelopeWriter()
    {
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>The envelope line, ending in '\n'. Payloads that are not valid UTF-8 go to <c>payload_b64</c>.</summary>
    public ReadOnlySpan<byte> Format(long sequence, in ArchiveRecord record)
    {
        if (_buffer.Capacity > ShrinkAbove)
        {
            _buffer = new ArrayBufferWriter<byte>(InitialCapacity);
        }

        // The escape buffer is sized for the worst case (6× the payload): ~300 KB initial dumps need ~2 MB, and they come
        // in runs, so it is kept up to a larger size than the line buffer rather than reallocated for each of them.
        if (_escaped.Length > ShrinkEscapedAbove)
        {
            _escaped = new byte[JsonStringEscaper.MaxLength(InitialCapacity)];
        }

        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var payload = record.Payload.Span;

        _json.WriteStartObject();
        _json.WriteNumber(EnvelopeNames.Sequence, sequence);
        _json.WriteNumber(EnvelopeNames.ReceivedAt, record.ReceivedAtMicros);
        _json.WriteString(EnvelopeNames.Kind, EnvelopeNames.KindValue(record.Kind));
        _json.WriteString(EnvelopeNames.Connection, record.Connection);
        _json.WriteNumber(EnvelopeNames.Epoch, record.Epoch);
        _json.WriteNumber(EnvelopeNames.ConnectionSequence, record.ConnectionSequence);
        _json.WriteNumber(EnvelopeNames.Length, payload.Length);
        if (record.EventType is not null)
        {
            _json.WriteString(EnvelopeNames.EventType, record.EventType);
        }

        if (record.Context is not null)
        {
            _json.WriteString(EnvelopeNames.Context, record.Context);
        }

        // Utf8JsonWriter silently replaces invalid UTF-8 with U+FFFD, so the check must come first.
        if (Utf8.IsValid(payload))
        {
            if (_escaped.Length < JsonStringEscaper.MaxLength(payload.Length))
            {
                _escaped = new byte[JsonStringEscaper.MaxLength(payload.Length)];
            }

            var length = JsonStringEscaper.Write(payload, _escaped);
            _json.WritePropertyName(EnvelopeNames.Payload);
            _json.WriteRawValue(_escaped.AsSpan(0, length), skipInputValidation: true);
        }
        else
        {
            _json.WriteBase64String(EnvelopeNames.PayloadBase64, payload);
        }

        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _json.Dispose();
}
