using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// The fast path for the hottest frame: one current-schema price_change object. A strict scanner accepts
/// only the subset of JSON the venue actually sends for it (known keys once each, plain ASCII strings, no
/// escapes or numbers) and hands anything else to the <see cref="System.Text.Json.Utf8JsonReader"/> path,
/// which then parses the frame from scratch. So the fast path changes speed, never results (a
/// differential test holds it to that).
/// </summary>
public sealed partial class MarketFrameParser
{
    private readonly bool _fastPath;

    /// <param name="fastPath">False forces every frame through the general reader (for differential tests).</param>
    public MarketFrameParser(bool fastPath = true)
    {
        _fastPath = fastPath;
    }

    /// <summary>Parses and dispatches a price_change if the frame is in the fast subset; false (nothing done) otherwise.</summary>
    private bool TryFastPriceChange(ReadOnlySpan<byte> frame, IMarketChannelHandler handler)
    {
        var scanner = new FastScanner(frame);
        if (!scanner.Expect((byte)'{'))
        {
            return false;
        }

        Range market = default;
        var timestamp = -1L;
        var entries = -1;
        var seen = 0;
        do
        {
            if (!scanner.String(out var key) || !scanner.Expect((byte)':'))
            {
                return false;
            }

            var name = frame[key];
            var bit = name.Length switch
            {
                6 when name.SequenceEqual("market"u8) => 1,
                13 when name.SequenceEqual("price_changes"u8) => 2,
                9 when name.SequenceEqual("timestamp"u8) => 4,
                10 when name.SequenceEqual("event_type"u8) => 8,
                _ => 0,
            };
            if (bit == 0 || (seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
            switch (bit)
            {
                case 1:
                    if (!scanner.String(out market))
                    {
                        return false;
                    }

                    break;
                case 2:
                    entries = FastEntries(ref scanner);
                    if (entries < 0)
                    {
                        return false;
                    }

                    break;
                case 4:
                    if (!scanner.String(out var text) || !TryTimestamp(frame[text], out timestamp))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!scanner.String(out var type) || !frame[type].SequenceEqual("price_change"u8))
                    {
                        return false;
                    }

                    break;
            }
        }
        while (scanner.Next((byte)',', (byte)'}'));

        if (seen != 15 || !scanner.AtEnd())
        {
            return false;
        }

        // What Dispatch does for these fields, without filling a whole ObjectFields: every key is defined for
        // price_change and none is unknown, so there is no drift to count.
        Statistics.CountEvent(MarketEventType.PriceChange);
        handler.OnPriceChange(new PolymarketPriceChange(frame, _entries.AsSpan(0, entries))
        {
            Market = frame[market],
            TimestampMs = timestamp,
            IsLegacy = false,
        });
        return true;
    }

    /// <summary>Reads a price_changes array into the entry buffer; -1 when anything is outside the fast subset.</summary>
    private int FastEntries(ref FastScanner scanner)
    {
        if (!scanner.Expect((byte)'['))
        {
            return -1;
        }

        var count = 0;
        if (scanner.Peek() == (byte)']')
        {
            scanner.Skip();
            return 0;
        }

        do
        {
            if (!scanner.Expect((byte)'{'))
            {
                return -1;
            }

            Range asset = default;
            Price price = default, bestBid = default, bestAsk = default;
            Size size = default;
            var side = Side.Bid;
            BookHash hash = default;
            var hasHash = false;
            var seen = 0;
            do
            {
                if (!scanner.String(out var key) || !scanner.Expect((byte)':') || !scanner.String(out var value))
                {
                    return -1;
                }

                var text = scanner.Frame[value];
                var name = scanner.Frame[key];
                int bit;
                var ok = true;
                switch (name.Length)
                {
                    case 8 when name.SequenceEqual("asset_id"u8):
                        bit = 1;
                        asset = value;
                        ok = !text.IsEmpty;
                        break;
                    case 5 when name.SequenceEqual("price"u8):
                        bit = 2;
                        ok = Price.TryParse(text, out price) && !price.IsEmpty;
                        break;
                    case 4 when name.SequenceEqual("size"u8):
                        bit = 4;
                        ok = Size.TryParse(text, out size) && !size.IsEmpty;
                        break;
                    case 4 when name.SequenceEqual("side"u8):
                        bit = 8;
                        ok = FastSide(text, out side);
                        break;
                    case 4 when name.SequenceEqual("hash"u8):
                        bit = 16;
                        hasHash = BookHash.TryParseHex(text, out hash);
                        break;
                    case 8 when name.SequenceEqual("best_bid"u8):
                        bit = 32;
                        ok = Price.TryParse(text, out bestBid);
                        break;
                    case 8 when name.SequenceEqual("best_ask"u8):
                        bit = 64;
                        ok = Price.TryParse(text, out bestAsk);
                        break;
                    default:
                        return -1;
                }

                if (!ok || (seen & bit) != 0)
                {
                    return -1;
                }

                seen |= bit;
            }
            while (scanner.Next((byte)',', (byte)'}'));

            if ((seen & 15) != 15 || scanner.Failed)
            {
                return -1;
            }

            if (count == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            _entries[count++] = new PolymarketPriceChangeEntry(
                asset, side, price, size, hash, hasHash,
                (seen & 32) != 0 ? bestBid : Price.Empty, (seen & 64) != 0 ? bestAsk : Price.Empty, (seen & 96) == 96);
        }
        while (scanner.Next((byte)',', (byte)']'));

        return scanner.Failed ? -1 : count;
    }

    private static bool FastSide(ReadOnlySpan<byte> text, out Side side)
    {
        side = Side.Bid;
        if (text.SequenceEqual("BUY"u8) || text.SequenceEqual("buy"u8))
        {
            return true;
        }

        side = Side.Ask;
        return text.SequenceEqual("SELL"u8) || text.SequenceEqual("sell"u8);
    }

    private static bool TryTimestamp(ReadOnlySpan<byte> text, out long timestampMs)
    {
        timestampMs = -1;
        return text.IsEmpty || (Utf8Parser.TryParse(text, out timestampMs, out var consumed) && consumed == text.Length && timestampMs >= 0);
    }

    /// <summary>A forward-only scanner for the fast subset; any surprise sets <see cref="Failed"/>.</summary>
    private ref struct FastScanner(ReadOnlySpan<byte> frame)
    {
        /// <summary>Printable ASCII except the quote and the backslash: what the fast subset's strings are made of.</summary>
        private static readonly SearchValues<byte> PlainStringBytes = SearchValues.Create(
            Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b is not ('"' or '\\')).Select(b => (byte)b).ToArray());

        private int _position;

        public readonly ReadOnlySpan<byte> Frame { get; } = frame;

        public bool Failed { get; private set; }

        public byte Peek()
        {
            SkipWhitespace();
            return _position < Frame.Length ? Frame[_position] : (byte)0;
        }

        public void Skip() => _position++;

        public bool Expect(byte token)
        {
            if (Peek() != token)
            {
                return Fail();
            }

            _position++;
            return true;
        }

        /// <summary>After a member or element: true on the separator, false on the closer; anything else fails.</summary>
        public bool Next(byte separator, byte closer)
        {
            var next = Peek();
            _position++;
            if (next == separator)
            {
                return true;
            }

            if (next != closer)
            {
                Fail();
            }

            return false;
        }

        /// <summary>A string of printable ASCII without escapes, as a range of the frame (quotes excluded).</summary>
        public bool String(out Range value)
        {
            value = default;
            if (Peek() != (byte)'"')
            {
                return Fail();
            }

            // One pass: the first byte that cannot be inside such a string must be its closing quote.
            var start = _position + 1;
            var length = PlainLength(Frame[start..]);
            if (length < 0 || Frame[start + length] != (byte)'"')
            {
                return Fail();
            }

            value = new Range(start, start + length);
            _position = start + length + 1;
            return true;
        }

        /// <summary>
        /// Index of the first byte that is not printable ASCII or is a quote or backslash; -1 if none. Keys and decimals
        /// are a few bytes, where a plain loop beats a vectorised search's set-up; ids (66–78 bytes) go on vectorised.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int PlainLength(ReadOnlySpan<byte> text)
        {
            const int Scalar = 16;
            var head = Math.Min(text.Length, Scalar);
            for (var i = 0; i < head; i++)
            {
                var b = text[i];
                if (b is < 0x20 or > 0x7E or (byte)'"' or (byte)'\\')
                {
                    return i;
                }
            }

            if (text.Length <= Scalar)
            {
                return -1;
            }

            var rest = text[Scalar..].IndexOfAnyExcept(PlainStringBytes);
            return rest < 0 ? -1 : Scalar + rest;
        }

        public bool AtEnd()
        {
            SkipWhitespace();
            return !Failed && _position == Frame.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SkipWhitespace()
        {
            while (_position < Frame.Length && Frame[_position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                _position++;
            }
        }

        private bool Fail()
        {
            Failed = true;
            return false;
        }
    }
}
