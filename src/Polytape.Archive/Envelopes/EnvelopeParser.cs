using System.Buffers;
using System.Text.Json;

namespace Polytape.Archive.Envelopes;

/// <summary>Reads one envelope line back into a record with the exact payload bytes, or says why it cannot.</summary>
internal static class EnvelopeParser
{
    /// <summary>
    /// Lines as the writer lays them out take <see cref="EnvelopeFastPath"/>; any other line, and every damaged one, is
    /// read with Utf8JsonReader, which decides what is valid and words the problem. <paramref name="labels"/> lets a
    /// reader of many lines share the strings of repeated labels.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out ArchiveRecord record, out string? problem, LabelCache? labels = null)
    {
        byte[]? fresh = null;
        return TryParse(line, out record, out problem, labels ?? new LabelCache(), ref fresh);
    }

    /// <summary>As above; with <paramref name="reusable"/> not null, a payload read by the fast path lives in that buffer (see <see cref="EnvelopeFastPath"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out ArchiveRecord record, out string? problem, LabelCache labels, ref byte[]? reusable)
    {
        if (EnvelopeFastPath.TryParse(line, labels, ref reusable, out record))
        {
            problem = null;
            return true;
        }

        return TryParseGeneral(line, out record, out problem);
    }

    /// <summary>The reference reading of any envelope layout with Utf8JsonReader (also what tests compare the fast path to).</summary>
    public static bool TryParseGeneral(ReadOnlySpan<byte> line, out ArchiveRecord record, out string? problem)
    {
        try
        {
            return TryParseCore(line, out record, out problem);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            record = default;
            problem = "malformed envelope: " + e.Message;
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> line, out ArchiveRecord record, out string? problem)
    {
        record = default;
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "an envelope must be a JSON object";
            return false;
        }

        long? sequence = null, receivedAt = null, connectionSequence = null, length = null;
        int? epoch = null;
        ArchiveRecordKind kind = default;
        string? connection = null, eventType = null, context = null;
        byte[]? payload = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(EnvelopeNames.Sequence.EncodedUtf8Bytes))
            {
                sequence = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.ReceivedAt.EncodedUtf8Bytes))
            {
                receivedAt = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Kind.EncodedUtf8Bytes))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !EnvelopeNames.TryParseKind(ref reader, out kind))
                {
                    problem = "unknown kind";
                    return false;
                }
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Connection.EncodedUtf8Bytes))
            {
                connection = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Epoch.EncodedUtf8Bytes))
            {
                reader.Read();
                epoch = reader.GetInt32();
            }
            else if (reader.ValueTextEquals(EnvelopeNames.ConnectionSequence.EncodedUtf8Bytes))
            {
                connectionSequence = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Length.EncodedUtf8Bytes))
            {
                length = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.EventType.EncodedUtf8Bytes))
            {
                eventType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Context.EncodedUtf8Bytes))
            {
                context = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.Payload.EncodedUtf8Bytes))
            {
                reader.Read();
                payload = CopyStringBytes(ref reader);
            }
            else if (reader.ValueTextEquals(EnvelopeNames.PayloadBase64.EncodedUtf8Bytes))
            {
                reader.Read();
                payload = reader.GetBytesFromBase64();
            }
            else
            {
                // Fields added by a later version are skipped, not fatal.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            problem = "the envelope does not end where its object ends";
            return false;
        }

        if (sequence is null || receivedAt is null || kind == default || connection is null || epoch is null
            || connectionSequence is null || length is null || payload is null)
        {
            problem = "the envelope lacks a required field (seq, recv_us, kind, conn, epoch, conn_seq, len, payload)";
            return false;
        }

        if (payload.Length != length)
        {
            problem = $"payload is {payload.Length} bytes but len says {length}";
            return false;
        }

        record = new ArchiveRecord
        {
            Sequence = sequence.Value,
            ReceivedAtMicros = receivedAt.Value,
            Kind = kind,
            Connection = connection,
            Epoch = epoch.Value,
            ConnectionSequence = connectionSequence.Value,
            EventType = eventType,
            Context = context,
            Payload = payload,
        };
        problem = null;
        return true;
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetInt64();
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new FormatException("expected a string, found null");
    }

    /// <summary>The string's unescaped UTF-8 bytes: exactly the payload the writer was given.</summary>
    private static byte[] CopyStringBytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FormatException("payload must be a string");
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.ToArray();
        }

        // Unescaping never lengthens a string, so the escaped length bounds the buffer.
        var scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var written = reader.CopyString(scratch);
            return scratch.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
