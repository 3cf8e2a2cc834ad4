using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics;

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
    /// <summary>Every byte but printable ASCII other than the backslash: a plain string ends at the first, its quote.</summary>
    private static readonly SearchValues<byte> NotPlain = SearchValues.Create(
        [.. Enumerable.Range(0, 256).Where(value => value is < ' ' or > '~' or '"' or '\\').Select(value => (byte)value)]);

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

    /// <summary>
    /// A JSON integer as the writer formats it: an optional minus, no leading zeros, at most 18 digits. Eight digits
    /// are read at a time (recv_us alone has 16): digit by digit, integers were most of an envelope's own reading.
    /// </summary>
    private static bool TryInteger(ReadOnlySpan<byte> line, ref int at, out long value)
    {
        value = 0;
        var negative = at < line.Length && line[at] == (byte)'-';
        var start = negative ? at + 1 : at;
        var digits = CountDigits(line, start);
        if (digits == 0 || digits > 18 || (digits > 1 && line[start] == (byte)'0'))
        {
            return false;
        }

        var run = line.Slice(start, digits);
        ulong parsed = 0;
        var i = 0;
        for (; i + 8 <= run.Length; i += 8)
        {
            parsed = (parsed * 100_000_000) + EightDigits(BinaryPrimitives.ReadUInt64LittleEndian(run[i..]));
        }

        for (; i < run.Length; i++)
        {
            parsed = (parsed * 10) + (uint)(run[i] - '0');
        }

        value = negative ? -(long)parsed : (long)parsed;
        at = start + digits;
        return true;
    }

    /// <summary>How many ASCII digits start at <paramref name="start"/>, counting at most 19 (one too many for an integer).</summary>
    private static int CountDigits(ReadOnlySpan<byte> line, int start)
    {
        if (Vector256.IsHardwareAccelerated && line.Length - start >= Vector256<byte>.Count)
        {
            var offsets = Vector256.Create(line.Slice(start, Vector256<byte>.Count)) - Vector256.Create((byte)'0');
            var nonDigits = Vector256.GreaterThan(offsets, Vector256.Create((byte)9)).ExtractMostSignificantBits();
            return Math.Min(BitOperations.TrailingZeroCount(nonDigits), 19);
        }

        var end = start;
        while (end < line.Length && (uint)(line[end] - '0') <= 9 && end - start < 19)
        {
            end++;
        }

        return end - start;
    }

    /// <summary>The value of eight ASCII digits read little-endian (the first digit in the lowest byte).</summary>
    private static ulong EightDigits(ulong chunk)
    {
        chunk -= 0x3030_3030_3030_3030UL;
        chunk = ((chunk * 10) + (chunk >> 8)) & 0x00FF_00FF_00FF_00FFUL;
        chunk = ((chunk * 100) + (chunk >> 16)) & 0x0000_FFFF_0000_FFFFUL;
        return ((chunk * 10_000) + (chunk >> 32)) & 0xFFFF_FFFFUL;
    }

    /// <summary>A string body of printable ASCII without escapes, up to its closing quote (consumed).</summary>
    private static bool TryPlain(ReadOnlySpan<byte> line, ref int at, out ReadOnlySpan<byte> text)
    {
        var rest = line[at..];
        var end = rest.IndexOfAny(NotPlain);
        if (end < 0 || rest[end] != (byte)'"')
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
