using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Formats one record as one JSON line into a reused buffer: no allocation per record once warm.
/// Owned by the writer loop alone; the returned span is valid until the next call.
/// The line is written by hand rather than through Utf8JsonWriter, whose per-property checks and string transcoding
/// were half of this method's cost at 30k frames/s: the names are fixed, the numbers are integers, the short strings
/// (connection ids, event types) repeat and are encoded once, and the payload goes through <see cref="JsonStringEscaper"/>.
/// </summary>
internal sealed class EnvelopeWriter
{
    /// <summary>A frame is typically under 4 KB; start there and grow on demand.</summary>
    private const int InitialCapacity = 4096;

    /// <summary>The escape-sized buffer for one large REST body (~300 KB initial dumps need ~2 MB) is not kept beyond this.</summary>
    private const int ShrinkAbove = 8 << 20;

    /// <summary>Everything but the payload and the short strings: names, punctuation and six 20-digit numbers.</summary>
    private const int MaxFixedBytes = 256;

    /// <summary>Distinct short strings are few (connection ids, event types); past this the cache starts over.</summary>
    private const int MaxCachedStrings = 4096;

    private static readonly JavaScriptEncoder ShortStringEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>A power of two, more than the connections and event types that interleave on a busy recorder.</summary>
    private const int IdentitySlots = 64;

    /// <summary>For each kind: <c>,"kind":"…","conn":</c>, the fixed text around the kind value.</summary>
    private static readonly byte[][] KindFields = BuildKindFields();

    private readonly Dictionary<string, byte[]> _quoted = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="_quoted"/> by the string's identity, not its text: a frame's labels are the same string objects frame
    /// after frame (a connection's id, a constant event type), so a hit costs no hashing or comparing of the text.
    /// </summary>
    private readonly (string? Value, byte[] Quoted)[] _byIdentity = new (string?, byte[])[IdentitySlots];
    private byte[] _line = new byte[JsonStringEscaper.MaxLength(InitialCapacity) + MaxFixedBytes];

    /// <summary>The envelope line, ending in '\n'. Payloads that are not valid UTF-8 go to <c>payload_b64</c>.</summary>
    public ReadOnlySpan<byte> Format(long sequence, in ArchiveRecord record)
    {
        var payload = record.Payload.Span;
        ReadOnlySpan<byte> connection = Quoted(record.Connection);
        ReadOnlySpan<byte> eventType = record.EventType is null ? default : Quoted(record.EventType);
        // Contexts (URLs, slugs) rarely repeat and belong to REST or catalog records, which are few: not cached.
        ReadOnlySpan<byte> context = record.Context is null ? default : Quote(record.Context);

        // Utf8JsonWriter used to replace invalid UTF-8 with U+FFFD; such payloads still go to base64, byte-exact.
        var valid = Utf8.IsValid(payload);
        var payloadBytes = valid ? JsonStringEscaper.MaxLength(payload.Length) : Base64.GetMaxEncodedToUtf8Length(payload.Length) + 2;
        EnsureCapacity(MaxFixedBytes + connection.Length + eventType.Length + context.Length + payloadBytes);

        var b = _line.AsSpan();
        var p = 0;
        Put(b, ref p, "{\"seq\":"u8);
        PutNumber(b, ref p, sequence);
        Put(b, ref p, ",\"recv_us\":"u8);
        PutNumber(b, ref p, record.ReceivedAtMicros);
        Put(b, ref p, KindFields[(int)record.Kind]);
        Put(b, ref p, connection);
        Put(b, ref p, ",\"epoch\":"u8);
        PutNumber(b, ref p, record.Epoch);
        Put(b, ref p, ",\"conn_seq\":"u8);
        PutNumber(b, ref p, record.ConnectionSequence);
        Put(b, ref p, ",\"len\":"u8);
        PutNumber(b, ref p, payload.Length);
        if (record.EventType is not null)
        {
            Put(b, ref p, ",\"type\":"u8);
            Put(b, ref p, eventType);
        }

        if (record.Context is not null)
        {
            Put(b, ref p, ",\"ctx\":"u8);
            Put(b, ref p, context);
        }

        if (valid)
        {
            Put(b, ref p, ",\"payload\":"u8);
            p += JsonStringEscaper.Write(payload, b[p..]);
        }
        else
        {
            Put(b, ref p, ",\"payload_b64\":\""u8);
            Base64.EncodeToUtf8(payload, b[p..], out _, out var written);
            p += written;
            Put(b, ref p, "\""u8);
        }

        Put(b, ref p, "}\n"u8);
        return b[..p];
    }

    private void EnsureCapacity(int needed)
    {
        if (_line.Length < needed)
        {
            _line = new byte[Math.Max(needed, _line.Length * 2)];
        }
        else if (_line.Length > ShrinkAbove && needed <= InitialCapacity * 6)
        {
            // One large REST body must not pin a large buffer for the life of the writer; bodies come in runs, so the
            // buffer shrinks only when an ordinary frame follows.
            _line = new byte[JsonStringEscaper.MaxLength(InitialCapacity) + MaxFixedBytes];
        }
    }

    /// <summary><see cref="Quote"/>, remembered: connection ids and event types repeat on every frame.</summary>
    private byte[] Quoted(string value)
    {
        ref var slot = ref _byIdentity[RuntimeHelpers.GetHashCode(value) & (IdentitySlots - 1)];
        if (ReferenceEquals(slot.Value, value))
        {
            return slot.Quoted;
        }

        var quoted = QuotedByText(value);
        slot = (value, quoted);
        return quoted;
    }

    private byte[] QuotedByText(string value)
    {
        if (_quoted.TryGetValue(value, out var quoted))
        {
            return quoted;
        }

        if (_quoted.Count >= MaxCachedStrings)
        {
            _quoted.Clear();
        }

        quoted = Quote(value);
        _quoted[value] = quoted;
        return quoted;
    }

    /// <summary>The JSON string literal (quotes included) for a short string, encoded as Utf8JsonWriter would have.</summary>
    private static byte[] Quote(string value)
    {
        var encoded = JsonEncodedText.Encode(value, ShortStringEncoder).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    private static byte[][] BuildKindFields()
    {
        var fields = new byte[(int)ArchiveRecordKind.Note + 1][];
        for (var kind = default(ArchiveRecordKind); kind <= ArchiveRecordKind.Note; kind++)
        {
            fields[(int)kind] = [.. ",\"kind\":\""u8, .. EnvelopeNames.KindValue(kind).EncodedUtf8Bytes, .. "\",\"conn\":"u8];
        }

        return fields;
    }

    private static void PutNumber(Span<byte> b, ref int p, long value)
    {
        Utf8Formatter.TryFormat(value, b[p..], out var written);
        p += written;
    }

    private static void Put(Span<byte> b, ref int p, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(b[p..]);
        p += bytes.Length;
    }
}
