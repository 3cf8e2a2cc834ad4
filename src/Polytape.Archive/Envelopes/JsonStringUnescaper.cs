using System.Runtime.Intrinsics;
using System.Text;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Reads the body of a JSON string back into its UTF-8 bytes: the inverse of <see cref="JsonStringEscaper"/>, and also
/// every other escape JSON allows (<c>\/</c>, <c>\uXXXX</c> for any character, surrogate pairs), which files written by
/// Utf8JsonWriter's default encoder contain. Utf8JsonReader validates the whole string and then unescapes it in a second
/// pass (~8 % of a load); here 64 or 16 bytes are copied and tested at a time (<c>\"</c> pairs included, by
/// <see cref="EscapedQuoteBlock512"/> or <see cref="EscapedQuoteBlock"/>), and other escapes are decoded as they are met.
/// Anything that is not a valid JSON string body is refused, not repaired, so the caller can report it.
/// </summary>
internal static class JsonStringUnescaper
{
    /// <summary>
    /// Unescapes <paramref name="source"/>, which starts just after the opening quote, into <paramref name="destination"/>
    /// up to the closing quote. False for a raw control character, an invalid escape or hex digit, a lone surrogate, no
    /// closing quote, or more bytes than <paramref name="destination"/> holds. <paramref name="consumed"/> includes the
    /// closing quote.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written) =>
        TryUnescape(source, destination, EscapedQuoteBlock.IsSupported, EscapedQuoteBlock512.IsSupported, out consumed, out written);

    /// <summary>
    /// As above; <paramref name="shuffleQuotes"/> false copies blocks only up to their first escape, as on machines
    /// without <see cref="EscapedQuoteBlock"/> (tests run both ways); with it, 64-byte blocks are used where supported.
    /// </summary>
    internal static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, bool shuffleQuotes, out int consumed, out int written) =>
        TryUnescape(source, destination, shuffleQuotes, shuffleQuotes && EscapedQuoteBlock512.IsSupported, out consumed, out written);

    /// <summary>
    /// As above; <paramref name="wide"/> (only where <see cref="EscapedQuoteBlock512.IsSupported"/>) takes 64-byte
    /// blocks while both sides have room, then 16-byte ones (tests compare every combination).
    /// </summary>
    internal static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, bool shuffleQuotes, bool wide, out int consumed, out int written)
    {
        var read = 0;
        written = 0;
        consumed = 0;
        while (true)
        {
            byte value;
            if (wide && source.Length - read >= Vector512<byte>.Count && destination.Length - written >= Vector512<byte>.Count)
            {
                var clean = EscapedQuoteBlock512.Copy(source[read..], destination[written..], out var taken, out var produced);
                read += taken;
                written += produced;
                if (clean)
                {
                    continue;
                }

                value = source[read];
            }
            else if (source.Length - read >= Vector128<byte>.Count && destination.Length - written >= Vector128<byte>.Count)
            {
                // Both sides have room for the block; keep only the part before a special byte (or \" pairs and all).
                if (shuffleQuotes)
                {
                    var clean = EscapedQuoteBlock.Copy(source[read..], destination[written..], out var taken, out var produced);
                    read += taken;
                    written += produced;
                    if (clean)
                    {
                        continue;
                    }
                }
                else
                {
                    var clean = JsonStringBytes.CopyBlock(source[read..], destination[written..]);
                    read += clean;
                    written += clean;
                    if (clean == Vector128<byte>.Count)
                    {
                        continue;
                    }
                }

                value = source[read];
            }
            else
            {
                // Near either end: one byte at a time.
                if (read >= source.Length)
                {
                    return false;
                }

                value = source[read];
                if (value is not ((byte)'"' or (byte)'\\') && value >= (byte)' ')
                {
                    if (written >= destination.Length)
                    {
                        return false;
                    }

                    destination[written++] = value;
                    read++;
                    continue;
                }
            }

            if (value == (byte)'\\')
            {
                // \" and \\ are nearly every escape in a JSON payload (a quote every few bytes): decoded here, the rest below.
                if (read + 1 < source.Length && source[read + 1] is (byte)'"' or (byte)'\\' && written < destination.Length)
                {
                    destination[written++] = source[read + 1];
                    read += 2;
                }
                else if (!TryEscape(source, ref read, destination, ref written))
                {
                    return false;
                }

                continue;
            }

            if (value == (byte)'"')
            {
                consumed = read + 1;
                return true;
            }

            // A raw control character: JSON requires it escaped.
            return false;
        }
    }

    /// <summary>Decodes the escape at <paramref name="read"/> (a backslash) into <paramref name="destination"/>.</summary>
    private static bool TryEscape(ReadOnlySpan<byte> source, ref int read, Span<byte> destination, ref int written)
    {
        if (read + 1 >= source.Length)
        {
            return false;
        }

        var shortForm = source[read + 1] switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'/' => (byte)'/',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            (byte)'b' => (byte)'\b',
            (byte)'f' => (byte)'\f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            if (written >= destination.Length)
            {
                return false;
            }

            destination[written++] = shortForm;
            read += 2;
            return true;
        }

        if (source[read + 1] != (byte)'u' || !TryHex4(source, read + 2, out var unit))
        {
            return false;
        }

        read += 6;
        int scalar = unit;
        if (char.IsHighSurrogate((char)unit))
        {
            // JSON spells a character above U+FFFF as two escapes; a high surrogate alone is not text.
            if (source.Length - read < 6 || source[read] != (byte)'\\' || source[read + 1] != (byte)'u'
                || !TryHex4(source, read + 2, out var low) || !char.IsLowSurrogate((char)low))
            {
                return false;
            }

            scalar = char.ConvertToUtf32((char)unit, (char)low);
            read += 6;
        }
        else if (char.IsLowSurrogate((char)unit))
        {
            return false;
        }

        if (!new Rune(scalar).TryEncodeToUtf8(destination[written..], out var length))
        {
            return false;
        }

        written += length;
        return true;
    }

    private static bool TryHex4(ReadOnlySpan<byte> source, int at, out int value)
    {
        value = 0;
        if (source.Length - at < 4)
        {
            return false;
        }

        for (var i = at; i < at + 4; i++)
        {
            var digit = HexValue(source[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };
}
