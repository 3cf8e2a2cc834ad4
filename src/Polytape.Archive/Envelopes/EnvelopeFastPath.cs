namespace Polytape.Archive.Envelopes;

/// <summary>
/// Reads an envelope laid out exactly as <see cref="EnvelopeWriter"/> writes it (its fields in its order, integers, and
/// labels without escapes, a valid UTF-8 payload) without a general JSON reader: the payload is unescaped straight into an array of the
/// size its <c>len</c> field states. Anything else, valid or not, is declined (false), and
/// <see cref="EnvelopeParser"/> then reads the line with Utf8JsonReader, which accepts every valid layout and gives
/// the same records and the same errors as before this path existed.
/// </summary>
internal static class EnvelopeFastPath
{
    /// <summary>
    /// With <paramref name="reusable"/> null the payload gets a fresh array; otherwise it is unescaped into that buffer
    /// (replaced by a larger one when too small), and the record's payload is valid until the buffer is used again.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, LabelCache labels, ref byte[]? reusable, out ArchiveRecord record)
    {
        record = default;
        var at = 0;
        if (!Expect(line, ref at, "{\"seq\":"u8) || !TryInteger(line, ref at, out var sequence)
            || !Expect(line, ref at, ",\"recv_us\":"u8) || !TryInteger(line, ref at, out var receivedAt)
            || !Expect(line, ref at, ",\"kind\":\""u8) || !TryPlain(line, ref at, out var kindName) || !TryKind(kindName, out var kind)
            || !Expect(line, ref at, ",\"conn\":\""u8) || !TryPlain(line, ref at, out var connection)
            || !Expect(line, ref at, ",\"epoch\":"u8) || !TryInteger(line, ref at, out var epoch) || epoch is < int.MinValue or > int.MaxValue
            || !Expect(line, ref at, ",\"conn_seq\":"u8) || !TryInteger(line, ref at, out var connectionSequence)
            || !Expect(line, ref at, ",\"len\":"u8) || !TryInteger(line, ref at, out var length) || length is < 0 or > ArchiveRecord.MaxPayloadBytes)
        {
            return false;
        }

        string? eventType = null, context = null;
        if (Expect(line, ref at, ",\"type\":\""u8))
        {
            if (!TryPlain(line, ref at, out var type))
            {
                return false;
            }

            eventType = labels.Get(type);
        }

        if (Expect(line, ref at, ",\"ctx\":\""u8))
        {
            if (!TryPlain(line, ref at, out var text))
            {
                return false;
            }

            context = System.Text.Encoding.ASCII.GetString(text);
        }

        if (!Expect(line, ref at, ",\"payload\":\""u8))
        {
            return false;
        }

        var payload = Destination(ref reusable, (int)length);
        // Invalid UTF-8 is left to Utf8JsonReader, which refuses it in an escaped string and keeps it in an unescaped one.
        if (!JsonStringUnescaper.TryUnescape(line[at..], payload, out var consumed, out var written) || written != length
            || !System.Text.Unicode.Utf8.IsValid(payload.AsSpan(0, written)))
        {
            return false;
        }

        at += consumed;
        if (at != line.Length - 1 || line[at] != (byte)'}')
        {
            return false;
        }

        record = new ArchiveRecord
        {
            Sequence = sequence,
            ReceivedAtMicros = receivedAt,
            Kind = kind,
            Connection = labels.Get(connection),
            Epoch = (int)epoch,
            ConnectionSequence = connectionSequence,
            EventType = eventType,
            Context = context,
            Payload = payload.AsMemory(0, written),
        };
        return true;
    }

    private static byte[] Destination(ref byte[]? reusable, int length)
    {
        if (reusable is null)
        {
            return length == 0 ? [] : GC.AllocateUninitializedArray<byte>(length);
        }

        if (reusable.Length < length)
        {
            reusable = GC.AllocateUninitializedArray<byte>(Math.Max(length, reusable.Length * 2));
        }

        return reusable;
    }

    private static bool Expect(ReadOnlySpan<byte> line, ref int at, ReadOnlySpan<byte> text)
    {
        if (!line[at..].StartsWith(text))
        {
            return false;
        }

        at += text.Length;
        return true;
    }

    /// <summary>A JSON integer as the writer formats it: an optional minus, no leading zeros, at most 18 digits.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> line, ref int at, out long value)
    {
        value = 0;
        var negative = at < line.Length && line[at] == (byte)'-';
        var start = negative ? at + 1 : at;
        var end = start;
        while (end < line.Length && (uint)(line[end] - '0') <= 9 && end - start < 19)
        {
            value = (value * 10) + (line[end] - '0');
            end++;
        }

        var digits = end - start;
        if (digits == 0 || digits > 18 || (digits > 1 && line[start] == (byte)'0'))
        {
            return false;
        }

        value = negative ? -value : value;
        at = end;
        return true;
    }

    /// <summary>A string body of printable ASCII without escapes, up to its closing quote (consumed).</summary>
    private static bool TryPlain(ReadOnlySpan<byte> line, ref int at, out ReadOnlySpan<byte> text)
    {
        var rest = line[at..];
        var end = rest.IndexOf((byte)'"');
        if (end < 0 || rest[..end].ContainsAnyExceptInRange((byte)' ', (byte)'~') || rest[..end].Contains((byte)'\\'))
        {
            text = default;
            return false;
        }

        text = rest[..end];
        at += end + 1;
        return true;
    }

    private static bool TryKind(ReadOnlySpan<byte> name, out ArchiveRecordKind kind)
    {
        for (var candidate = ArchiveRecordKind.Ws; EnvelopeNames.IsKnownKind(candidate); candidate++)
        {
            if (name.SequenceEqual(EnvelopeNames.KindValue(candidate).EncodedUtf8Bytes))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
