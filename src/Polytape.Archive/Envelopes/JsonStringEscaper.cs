using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Writes a payload that is valid UTF-8 as a quoted JSON string, escaping only what JSON requires: quote, backslash
/// and control characters; everything else, non-ASCII included, is copied as is. Utf8JsonWriter's encoder checks every
/// character against an allow-list and was ~10% of the recorder's CPU at 30k frames/s. Here 16 bytes are tested at
/// once and their quotes (a JSON payload has one every few bytes) escaped together by <see cref="QuoteEscapingBlock"/>;
/// backslashes and control characters, rare in a payload, are escaped one at a time.
/// </summary>
internal static class JsonStringEscaper
{
    /// <summary>The longest output for a payload of this length: every byte a six-byte \u escape, plus the quotes.</summary>
    public static int MaxLength(int payloadLength) => (payloadLength * 6) + 2;

    /// <summary>Writes <c>"…"</c> into <paramref name="destination"/> (at least <see cref="MaxLength"/> long); returns the length.</summary>
    public static int Write(ReadOnlySpan<byte> payload, Span<byte> destination) =>
        Write(payload, destination, QuoteEscapingBlock.IsSupported);

    /// <summary>
    /// As above; <paramref name="escapeQuoteBlocks"/> false copies blocks only up to their first special byte, as on
    /// machines without <see cref="QuoteEscapingBlock"/> (tests run both ways).
    /// </summary>
    internal static int Write(ReadOnlySpan<byte> payload, Span<byte> destination, bool escapeQuoteBlocks)
    {
        destination[0] = (byte)'"';
        var written = 1 + (escapeQuoteBlocks ? WriteBlocks(payload, destination[1..]) : WriteCopies(payload, destination[1..]));
        destination[written++] = (byte)'"';
        return written;
    }

    /// <summary>16 bytes at a time, quotes escaped within the block; the last bytes through a shifted or padded block.</summary>
    private static int WriteBlocks(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var written = 0;
        var read = 0;
        // While 16 bytes remain the destination has room for a whole block's writes (MaxLength).
        while (payload.Length - read >= Vector128<byte>.Count)
        {
            var block = Vector128.Create(payload.Slice(read, Vector128<byte>.Count));
            if (QuoteEscapingBlock.TryEscapeWhole(block, destination[written..], out var produced))
            {
                read += Vector128<byte>.Count;
                written += produced;
                continue;
            }

            var taken = QuoteEscapingBlock.Escape(block, Vector128<byte>.Count, destination[written..], out produced);
            read += taken;
            written += produced;
            if (taken < Vector128<byte>.Count)
            {
                written += Escape(payload[read++], destination[written..]);
            }
        }

        while (read < payload.Length)
        {
            // The last bytes: the envelope buffer nearly always has room to spare, a destination of exactly MaxLength
            // may not, so then they go through a scratch buffer.
            var limit = payload.Length - read;
            var block = Last(payload, limit);
            var taken = destination.Length - written >= QuoteEscapingBlock.DestinationRoom
                ? QuoteEscapingBlock.Escape(block, limit, destination[written..], out var produced)
                : EscapeThroughScratch(block, limit, destination[written..], out produced);
            read += taken;
            written += produced;
            if (taken < limit)
            {
                written += Escape(payload[read++], destination[written..]);
            }
        }

        return written;
    }

    /// <summary>
    /// The last <paramref name="count"/> (fewer than 16) bytes of a payload at the start of a block, the rest of which
    /// is ignored: the payload's last 16 bytes shifted down, or for a shorter payload, a padded copy.
    /// </summary>
    private static Vector128<byte> Last(ReadOnlySpan<byte> payload, int count)
    {
        if (payload.Length < Vector128<byte>.Count)
        {
            return Padded(payload[^count..]);
        }

        // Shuffle indices past 15 wrap around: those bytes are past the count, ignored.
        var shift = Vector128.Create((byte)(Vector128<byte>.Count - count)) + Vector128<byte>.Indices;
        return Ssse3.Shuffle(Vector128.Create(payload[^Vector128<byte>.Count..]), shift);
    }

    /// <summary><see cref="QuoteEscapingBlock.Escape"/> for a destination with less room than its scratch writes need.</summary>
    private static int EscapeThroughScratch(Vector128<byte> block, int limit, Span<byte> destination, out int written)
    {
        Span<byte> scratch = stackalloc byte[QuoteEscapingBlock.DestinationRoom];
        var taken = QuoteEscapingBlock.Escape(block, limit, scratch, out written);
        scratch[..written].CopyTo(destination);
        return taken;
    }

    /// <summary>The fewer than 16 bytes at the end of a payload as a block (the rest zero: the caller's limit excludes it).</summary>
    private static Vector128<byte> Padded(ReadOnlySpan<byte> tail)
    {
        Span<byte> padded = stackalloc byte[Vector128<byte>.Count];
        tail.CopyTo(padded);
        return Vector128.Create((ReadOnlySpan<byte>)padded);
    }

    /// <summary>16 bytes at a time up to the first byte to escape, which is escaped alone; the last bytes one at a time.</summary>
    private static int WriteCopies(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var written = 0;
        var read = 0;
        while (payload.Length - read >= Vector128<byte>.Count)
        {
            // The destination has room for the block (MaxLength); keep only the part before an escape.
            var clean = JsonStringBytes.CopyBlock(payload[read..], destination[written..]);
            read += clean;
            written += clean;
            if (clean < Vector128<byte>.Count)
            {
                written += Escape(payload[read++], destination[written..]);
            }
        }

        for (; read < payload.Length; read++)
        {
            var value = payload[read];
            if (value is (byte)'"' or (byte)'\\' or < (byte)' ')
            {
                written += Escape(value, destination[written..]);
            }
            else
            {
                destination[written++] = value;
            }
        }

        return written;
    }

    private static int Escape(byte value, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        var shortForm = value switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }

        destination[1] = (byte)'u';
        destination[2] = (byte)'0';
        destination[3] = (byte)'0';
        destination[4] = HexDigit(value >> 4);
        destination[5] = HexDigit(value & 0xF);
        return 6;
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
