using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Polytape.Domain.Books;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// Parses market-channel text frames with <see cref="Utf8JsonReader"/> straight from the received
/// bytes and hands each event to a handler. A frame is a JSON object, a JSON array of objects, or a
/// control string ("PONG" …); anything else is classified, never thrown. A frame is dispatched whole or
/// not at all. Levels and entries go into scratch buffers owned by the parser, so after warm-up a
/// frame allocates nothing; one parser serves one reading loop.
/// </summary>
public sealed partial class MarketFrameParser
{
    // The largest opening book seen live had ~100 levels a side; buffers grow past that on demand.
    private BookLevel[] _bids = new BookLevel[128];
    private BookLevel[] _asks = new BookLevel[128];

    // A sweeping trade can touch a few levels on both legs; grows on demand.
    private PolymarketPriceChangeEntry[] _entries = new PolymarketPriceChangeEntry[16];
    private Range[] _assetIds = new Range[16];

    // Decimal and timestamp text is short; a longer escaped value is invalid anyway.
    private readonly byte[] _unescaped = new byte[64];

    public MarketChannelStatistics Statistics { get; } = new();

    public FrameParseResult Parse(ReadOnlySpan<byte> frame, IMarketChannelHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var result = ParseFrame(frame, handler);
        Statistics.CountFrame(result.Kind);
        return result;
    }

    private FrameParseResult ParseFrame(ReadOnlySpan<byte> frame, IMarketChannelHandler handler)
    {
        var text = TrimWhitespace(frame);
        if (text.IsEmpty)
        {
            return FrameParseResult.Of(FrameKind.Empty);
        }

        if (text[0] == (byte)'{' && _fastPath && (TryFastPriceChange(frame, handler) || TryFastBook(frame, handler)))
        {
            return new FrameParseResult(FrameKind.Events, 1, null);
        }

        if (text[0] is (byte)'{' or (byte)'[')
        {
            return ParseJson(frame, handler);
        }

        return FrameParseResult.Of(ClassifyText(text));
    }

    private static FrameKind ClassifyText(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("PONG"u8))
        {
            return FrameKind.Pong;
        }

        if (text.SequenceEqual("INVALID OPERATION"u8))
        {
            return FrameKind.InvalidOperation;
        }

        return text.SequenceEqual("NO NEW ASSETS"u8) ? FrameKind.NoNewAssets : FrameKind.OtherText;
    }

    private FrameParseResult ParseJson(ReadOnlySpan<byte> frame, IMarketChannelHandler handler)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var fields = ReadObject(frame, ref reader);
                ExpectEnd(ref reader);
                Dispatch(frame, ref fields, handler);
                return new FrameParseResult(FrameKind.Events, 1, null);
            }

            // Arrays are checked whole before any element is dispatched, so a frame is applied entirely or not at all.
            ReadArray(frame, handler: null);
            var count = ReadArray(frame, handler);
            return new FrameParseResult(FrameKind.Events, count, null);
        }
        catch (JsonException ex)
        {
            return FrameParseResult.Malformed($"invalid JSON: {ex.Message}");
        }
        catch (FrameFormatException ex)
        {
            return FrameParseResult.Malformed(ex.Message);
        }
    }

    /// <summary>Reads every element of an array frame; with no handler only checks them (the first of two passes).</summary>
    private int ReadArray(ReadOnlySpan<byte> frame, IMarketChannelHandler? handler)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
        reader.Read();
        var index = 0;
        while (NextElement(ref reader, index))
        {
            var fields = ReadObject(frame, ref reader);
            if (handler is not null)
            {
                Dispatch(frame, ref fields, handler);
            }

            index++;
        }

        ExpectEnd(ref reader);
        return index;
    }

    private static bool NextElement(ref Utf8JsonReader reader, int index)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Fail($"element {index} of the frame's array is {reader.TokenType}, not an event object");
        }

        return true;
    }

    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        // With isFinalBlock the reader throws on trailing garbage; a second value is our own error.
        if (reader.Read())
        {
            Fail($"unexpected {reader.TokenType} after the frame's JSON value");
        }
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsWhitespace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsWhitespace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    [DoesNotReturn]
    private static void Fail(string message) => throw new FrameFormatException(message);
}
