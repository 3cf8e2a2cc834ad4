using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// The fast path for the second most frequent frame and the costliest to read: one book object (a snapshot after a
/// trade, ~100 levels). Like the price_change fast path it accepts only the subset the venue sends (known keys once
/// each, string values, levels of exactly "price" and "size") and hands anything else to the
/// <see cref="System.Text.Json.Utf8JsonReader"/> path, which parses the frame from scratch; a differential test holds
/// it to the general reader's results. The reader spends ~100 ns a level on its tokens; this scanner a fraction.
/// </summary>
public sealed partial class MarketFrameParser
{
    // The book keys the fast path takes; min_order_size and neg_risk (never seen in WS books) go the general way.
    private const WireField FastBookFields =
        WireField.EventType | WireField.Market | WireField.AssetId | WireField.Timestamp | WireField.Hash |
        WireField.Bids | WireField.Asks | WireField.TickSize | WireField.LastTradePrice;

    private const WireField RequiredBookFields = WireField.EventType | WireField.AssetId | WireField.Bids | WireField.Asks;

    /// <summary>Parses and dispatches a book if the frame is in the fast subset; false (nothing done) otherwise.</summary>
    private bool TryFastBook(ReadOnlySpan<byte> frame, IMarketChannelHandler handler)
    {
        var scanner = new FastScanner(frame);
        if (!scanner.Expect((byte)'{'))
        {
            return false;
        }

        var f = ObjectFields.Create();
        do
        {
            if (!scanner.String(out var key) || !scanner.Expect((byte)':'))
            {
                return false;
            }

            var field = WireFields.Identify(frame[key]);
            if ((field & FastBookFields) == 0 || (f.Seen & field) != 0)
            {
                return false;
            }

            f.Seen |= field;
            if (field is WireField.Bids or WireField.Asks)
            {
                var count = field == WireField.Bids ? FastLevels(ref scanner, ref _bids) : FastLevels(ref scanner, ref _asks);
                if (count < 0)
                {
                    return false;
                }

                if (field == WireField.Bids)
                {
                    f.BidCount = count;
                }
                else
                {
                    f.AskCount = count;
                }

                continue;
            }

            if (!scanner.String(out var value) || !FastBookValue(field, value, frame[value], ref f))
            {
                return false;
            }
        }
        while (scanner.Next((byte)',', (byte)'}'));

        if ((f.Seen & RequiredBookFields) != RequiredBookFields || !scanner.AtEnd())
        {
            return false;
        }

        f.Type = MarketEventType.Book;
        Dispatch(frame, ref f, handler);
        return true;
    }

    /// <summary>One string member of a book; false when the general reader must judge it.</summary>
    private static bool FastBookValue(WireField field, Range value, ReadOnlySpan<byte> text, ref ObjectFields f)
    {
        switch (field)
        {
            case WireField.EventType:
                f.EventType = value;
                return text.SequenceEqual("book"u8);
            case WireField.Market:
                f.Market = value;
                return true;
            case WireField.AssetId:
                f.AssetId = value;
                return true;
            case WireField.Timestamp:
                return TryTimestamp(text, out f.TimestampMs);
            case WireField.Hash:
                f.HasHash = BookHash.TryParseHex(text, out f.Hash);
                return true;
            case WireField.TickSize:
                return Price.TryParse(text, out f.TickSize);
            case WireField.LastTradePrice:
                return Price.TryParse(text, out f.LastTradePrice);
            default:
                return false;
        }
    }

    /// <summary>Reads a levels array into a buffer; -1 when anything is outside the fast subset.</summary>
    private static int FastLevels(ref FastScanner scanner, ref BookLevel[] buffer)
    {
        if (!scanner.Expect((byte)'['))
        {
            return -1;
        }

        if (scanner.Peek() == (byte)']')
        {
            scanner.Skip();
            return 0;
        }

        var count = 0;
        do
        {
            if (!scanner.Expect((byte)'{'))
            {
                return -1;
            }

            var price = Price.Empty;
            var size = Size.Empty;
            var seen = 0;
            do
            {
                if (!scanner.String(out var key) || !scanner.Expect((byte)':') || !scanner.String(out var value))
                {
                    return -1;
                }

                var name = scanner.Frame[key];
                var text = scanner.Frame[value];
                if (name.SequenceEqual("price"u8) && (seen & 1) == 0)
                {
                    if (!Price.TryParse(text, out price) || price.IsEmpty)
                    {
                        return -1;
                    }

                    seen |= 1;
                }
                else if (name.SequenceEqual("size"u8) && (seen & 2) == 0)
                {
                    if (!Size.TryParse(text, out size) || size.IsEmpty)
                    {
                        return -1;
                    }

                    seen |= 2;
                }
                else
                {
                    return -1;
                }
            }
            while (scanner.Next((byte)',', (byte)'}'));

            if (seen != 3 || scanner.Failed)
            {
                return -1;
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer[count++] = new BookLevel(price, size);
        }
        while (scanner.Next((byte)',', (byte)']'));

        return scanner.Failed ? -1 : count;
    }
}
