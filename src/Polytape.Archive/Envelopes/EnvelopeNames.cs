using System.Text.Json;

namespace Polytape.Archive.Envelopes;

/// <summary>The envelope's property names and kind values: pre-encoded for the writer, as UTF-8 for the reader.</summary>
internal static class EnvelopeNames
{
    public static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("seq"u8);
    public static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("recv_us"u8);
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind"u8);
    public static readonly JsonEncodedText Connection = JsonEncodedText.Encode("conn"u8);
    public static readonly JsonEncodedText Epoch = JsonEncodedText.Encode("epoch"u8);
    public static readonly JsonEncodedText ConnectionSequence = JsonEncodedText.Encode("conn_seq"u8);
    public static readonly JsonEncodedText Length = JsonEncodedText.Encode("len"u8);
    public static readonly JsonEncodedText EventType = JsonEncodedText.Encode("type"u8);
    public static readonly JsonEncodedText Context = JsonEncodedText.Encode("ctx"u8);
    public static readonly JsonEncodedText Payload = JsonEncodedText.Encode("payload"u8);
    public static readonly JsonEncodedText PayloadBase64 = JsonEncodedText.Encode("payload_b64"u8);

    private static readonly JsonEncodedText[] KindValues =
    [
        default,
        JsonEncodedText.Encode("ws"u8),
        JsonEncodedText.Encode("rest"u8),
        JsonEncodedText.Encode("subscription"u8),
        JsonEncodedText.Encode("continuity"u8),
        JsonEncodedText.Encode("catalog"u8),
        JsonEncodedText.Encode("note"u8),
    ];

    public static JsonEncodedText KindValue(ArchiveRecordKind kind) => KindValues[(int)kind];

    public static string KindName(ArchiveRecordKind kind) => KindValues[(int)kind].ToString();

    public static bool IsKnownKind(ArchiveRecordKind kind) => kind is >= ArchiveRecordKind.Ws and <= ArchiveRecordKind.Note;

    public static bool TryParseKind(ref Utf8JsonReader reader, out ArchiveRecordKind kind)
    {
        for (var i = 1; i < KindValues.Length; i++)
        {
            if (reader.ValueTextEquals(KindValues[i].EncodedUtf8Bytes))
            {
                kind = (ArchiveRecordKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
