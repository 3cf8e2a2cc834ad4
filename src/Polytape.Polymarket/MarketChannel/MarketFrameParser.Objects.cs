using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>The single pass over one event object: every known key is read into <see cref="ObjectFields"/>.</summary>
public sealed partial class MarketFrameParser
{
    private ObjectFields ReadObject(ReadOnlySpan<byte> frame, ref Utf8JsonReader reader)
    {
        var f = ObjectFields.Create();
        var objectStart = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? WireField.Unrecognised : WireFields.Identify(reader.ValueSpan);
            if (field == WireField.Unrecognised)
            {
                f.AddUnknown(NameRange(ref reader), KeyContext.Event);
            }

            f.Seen |= field;
            reader.Read();
            ReadValue(ref reader, field, ref f);
        }

        f.Raw = new Range(objectStart, (int)reader.BytesConsumed);
        f.Type = f.Has(WireField.EventType) ? WireFields.EventTypeOf(frame[f.EventType]) : InferType(f);
        Validate(ref f);
        return f;
    }

    /// <summary>REST /book summaries (and some captures of them) have no event_type but are books.</summary>
    private static MarketEventType InferType(in ObjectFields f) =>
        f.Has(WireField.AssetId) && f.Has(WireField.Bids) && f.Has(WireField.Asks) ? MarketEventType.Book : MarketEventType.Unknown;

    private void ReadValue(ref Utf8JsonReader reader, WireField field, ref ObjectFields f)
    {
        switch (field)
        {
            case WireField.EventType:
                f.EventType = StringRange(ref reader, "event_type");
                break;
            case WireField.Market:
                f.Market = StringRange(ref reader, "market");
                break;
            case WireField.AssetId:
                f.AssetId = StringRange(ref reader, "asset_id");
                break;
            case WireField.Id:
                f.Id = OptionalStringRange(ref reader, "id");
                break;
            case WireField.WinningAssetId:
                f.WinningAssetId = StringRange(ref reader, "winning_asset_id");
                break;
            case WireField.TransactionHash:
                f.TransactionHash = OptionalStringRange(ref reader, "transaction_hash");
                break;
            case WireField.Timestamp:
                if (!TryReadTimestamp(ref reader, out f.TimestampMs))
                {
                    f.Invalid |= field;
                }

                break;
            case WireField.Hash:
                f.HasHash = TryReadHash(ref reader, out f.Hash);
                break;
            case WireField.Bids:
                f.BidCount = ReadLevels(ref reader, ref _bids, ref f, "bids");
                break;
            case WireField.Asks:
                f.AskCount = ReadLevels(ref reader, ref _asks, ref f, "asks");
                break;
            case WireField.PriceChanges:
                f.EntryCount = ReadEntries(ref reader, ref f);
                break;
            case WireField.Changes:
                f.EntryCount = ReadLegacyChanges(ref reader, ref f);
                break;
            case WireField.AssetsIds:
                f.AssetIdCount = ReadAssetIds(ref reader);
                break;
            case WireField.NegRisk:
                f.NegRisk = reader.TokenType == JsonTokenType.True;
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    f.Invalid |= field;
                    reader.Skip();
                }

                break;
            case WireField.Side:
                if (!TryReadSide(ref reader, out f.Side))
                {
                    f.Invalid |= field;
                }

                break;
            case WireField.FeeRateBps:
                if (!TryReadInt(ref reader, out f.FeeRateBps))
                {
                    f.Invalid |= field;
                }

                break;
            case WireField.MinOrderSize:
            case WireField.Size:
                ReadSize(ref reader, field, ref f, ref field == WireField.Size ? ref f.Size : ref f.MinOrderSize);
                break;
            case WireField.TickSize:
            case WireField.LastTradePrice:
            case WireField.Price:
            case WireField.OldTickSize:
            case WireField.NewTickSize:
            case WireField.BestBid:
            case WireField.BestAsk:
            case WireField.Spread:
                ReadPrice(ref reader, field, ref f, ref PriceSlot(ref f, field));
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static ref Price PriceSlot(ref ObjectFields f, WireField field)
    {
        switch (field)
        {
            case WireField.TickSize: return ref f.TickSize;
            case WireField.LastTradePrice: return ref f.LastTradePrice;
            case WireField.OldTickSize: return ref f.OldTickSize;
            case WireField.NewTickSize: return ref f.NewTickSize;
            case WireField.BestBid: return ref f.BestBid;
            case WireField.BestAsk: return ref f.BestAsk;
            case WireField.Spread: return ref f.Spread;
            default: return ref f.Price;
        }
    }

    private void ReadPrice(ref Utf8JsonReader reader, WireField field, ref ObjectFields f, ref Price slot)
    {
        if (!TryScalarText(ref reader, out var text) || !Price.TryParse(text, out slot))
        {
            f.Invalid |= field;
        }
    }

    private void ReadSize(ref Utf8JsonReader reader, WireField field, ref ObjectFields f, ref Size slot)
    {
        if (!TryScalarText(ref reader, out var text) || !Size.TryParse(text, out slot))
        {
            f.Invalid |= field;
        }
    }

    private int ReadLevels(ref Utf8JsonReader reader, ref BookLevel[] buffer, ref ObjectFields f, string sideName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        ExpectToken(ref reader, JsonTokenType.StartArray, sideName);
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ExpectToken(ref reader, JsonTokenType.StartObject, sideName);
            var price = Price.Empty;
            var size = Size.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = PlainName(ref reader);
                if (name.SequenceEqual("price"u8))
                {
                    reader.Read();
                    price = RequirePrice(ref reader, sideName, "price");
                }
                else if (name.SequenceEqual("size"u8))
                {
                    reader.Read();
                    size = RequireSize(ref reader, sideName, "size");
                }
                else
                {
                    f.AddUnknown(NameRange(ref reader), KeyContext.Level);
                    reader.Read();
                    reader.Skip();
                }
            }

            if (price.IsEmpty || size.IsEmpty)
            {
                Fail($"a level in '{sideName}' needs both price and size");
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer[count++] = new BookLevel(price, size);
        }

        return count;
    }

    private int ReadEntries(ref Utf8JsonReader reader, ref ObjectFields f)
    {
        ExpectToken(ref reader, JsonTokenType.StartArray, "price_changes");
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ExpectToken(ref reader, JsonTokenType.StartObject, "price_changes");
            Range asset = default;
            var price = Price.Empty;
            var size = Size.Empty;
            var side = Side.Bid;
            var hasSide = false;
            BookHash hash = default;
            var hasHash = false;
            var bestBid = Price.Empty;
            var bestAsk = Price.Empty;
            var bboFields = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = PlainName(ref reader);
                var nameRange = NameRange(ref reader);
                reader.Read();
                switch (name.Length)
                {
                    case 8 when name.SequenceEqual("asset_id"u8):
                        asset = StringRange(ref reader, "price_changes[].asset_id");
                        break;
                    case 5 when name.SequenceEqual("price"u8):
                        price = RequirePrice(ref reader, "price_changes[]", "price");
                        break;
                    case 4 when name.SequenceEqual("size"u8):
                        size = RequireSize(ref reader, "price_changes[]", "size");
                        break;
                    case 4 when name.SequenceEqual("side"u8):
                        side = RequireSide(ref reader, "price_changes[]");
                        hasSide = true;
                        break;
                    case 4 when name.SequenceEqual("hash"u8):
                        hasHash = TryReadHash(ref reader, out hash);
                        break;
                    case 8 when name.SequenceEqual("best_bid"u8):
                        bestBid = RequirePrice(ref reader, "price_changes[]", "best_bid");
                        bboFields |= 1;
                        break;
                    case 8 when name.SequenceEqual("best_ask"u8):
                        bestAsk = RequirePrice(ref reader, "price_changes[]", "best_ask");
                        bboFields |= 2;
                        break;
                    default:
                        f.AddUnknown(nameRange, KeyContext.PriceChangeEntry);
                        reader.Skip();
                        break;
                }
            }

            if (asset.Equals(default(Range)) || price.IsEmpty || size.IsEmpty || !hasSide)
            {
                Fail($"price_changes[{count}] needs asset_id, price, size and side");
            }

            if (count == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            _entries[count++] = new PolymarketPriceChangeEntry(asset, side, price, size, hash, hasHash, bestBid, bestAsk, bboFields == 3);
        }

        return count;
    }

    /// <summary>The pre-2025-09-15 "changes" array: price, side, size; asset and hash are at the root.</summary>
    private int ReadLegacyChanges(ref Utf8JsonReader reader, ref ObjectFields f)
    {
        ExpectToken(ref reader, JsonTokenType.StartArray, "changes");
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ExpectToken(ref reader, JsonTokenType.StartObject, "changes");
            var price = Price.Empty;
            var size = Size.Empty;
            var side = Side.Bid;
            var hasSide = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = PlainName(ref reader);
                if (name.SequenceEqual("price"u8))
                {
                    reader.Read();
                    price = RequirePrice(ref reader, "changes[]", "price");
                }
                else if (name.SequenceEqual("size"u8))
                {
                    reader.Read();
                    size = RequireSize(ref reader, "changes[]", "size");
                }
                else if (name.SequenceEqual("side"u8))
                {
                    reader.Read();
                    side = RequireSide(ref reader, "changes[]");
                    hasSide = true;
                }
                else
                {
                    f.AddUnknown(NameRange(ref reader), KeyContext.LegacyChange);
                    reader.Read();
                    reader.Skip();
                }
            }

            if (price.IsEmpty || size.IsEmpty || !hasSide)
            {
                Fail($"changes[{count}] needs price, size and side");
            }

            if (count == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            // The asset and the root hash are filled in once the whole object has been read.
            _entries[count++] = new PolymarketPriceChangeEntry(default, side, price, size, default, false, Price.Empty, Price.Empty, false);
        }

        return count;
    }

    private int ReadAssetIds(ref Utf8JsonReader reader)
    {
        ExpectToken(ref reader, JsonTokenType.StartArray, "assets_ids");
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var id = StringRange(ref reader, "assets_ids[]");
            if (count == _assetIds.Length)
            {
                Array.Resize(ref _assetIds, _assetIds.Length * 2);
            }

            _assetIds[count++] = id;
        }

        return count;
    }

    /// <summary>
    /// A key as sent. Escaped keys count as unknown, as at the top level: unescaping them (ValueTextEquals)
    /// throws InvalidOperationException on a lone surrogate such as "\udc00".
    /// </summary>
    private static ReadOnlySpan<byte> PlainName(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? default : reader.ValueSpan;

    /// <summary>A string we tolerate being absent or of another type; a container is skipped whole.</summary>
    private static Range OptionalStringRange(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return StringRange(ref reader, name);
        }

        reader.Skip();
        return default;
    }

    /// <summary>A 40-hex hash; anything else (placeholder, number, container) is "no hash".</summary>
    private static bool TryReadHash(ref Utf8JsonReader reader, out BookHash hash)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            hash = default;
            return false;
        }

        return BookHash.TryParseHex(reader.ValueIsEscaped ? default : reader.ValueSpan, out hash);
    }

    private static Range NameRange(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex + 1;
        return new Range(start, start + reader.ValueSpan.Length);
    }

    /// <summary>Ids and names are kept as ranges of the frame, so they must arrive unescaped (they always do).</summary>
    private static Range StringRange(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Fail($"'{name}' must be a string, not {reader.TokenType}");
        }

        if (reader.ValueIsEscaped)
        {
            Fail($"'{name}' contains escaped characters, which no id or name may have");
        }

        var start = (int)reader.TokenStartIndex + 1;
        return new Range(start, start + reader.ValueSpan.Length);
    }

    /// <summary>Decimals arrive as strings, and sometimes (in re-serialised captures) as JSON numbers; null is absent.</summary>
    private bool TryScalarText(ref Utf8JsonReader reader, out ReadOnlySpan<byte> text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped:
            case JsonTokenType.Number:
                text = reader.ValueSpan;
                return true;
            case JsonTokenType.String when reader.ValueSpan.Length <= _unescaped.Length:
                return TryUnescape(ref reader, out text);
            case JsonTokenType.Null:
                text = default;
                return true;
            default:
                text = default;
                reader.Skip();
                return false;
        }
    }

    /// <summary>Cold path: CopyString throws InvalidOperationException on a lone surrogate escape ("\ud800").</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryUnescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> text)
    {
        try
        {
            text = _unescaped.AsSpan(0, reader.CopyString(_unescaped));
            return true;
        }
        catch (InvalidOperationException)
        {
            text = default;
            return false;
        }
    }

    private bool TryReadTimestamp(ref Utf8JsonReader reader, out long timestampMs)
    {
        timestampMs = -1;
        if (!TryScalarText(ref reader, out var text))
        {
            return false;
        }

        if (text.IsEmpty)
        {
            return true;
        }

        return Utf8Parser.TryParse(text, out timestampMs, out var consumed) && consumed == text.Length && timestampMs >= 0;
    }

    private bool TryReadInt(ref Utf8JsonReader reader, out int value)
    {
        value = -1;
        if (!TryScalarText(ref reader, out var text))
        {
            return false;
        }

        return text.IsEmpty || (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && value >= 0);
    }

    private bool TryReadSide(ref Utf8JsonReader reader, out Side side)
    {
        side = Side.Bid;
        if (!TryScalarText(ref reader, out var text))
        {
            return false;
        }

        if (text.SequenceEqual("BUY"u8) || text.SequenceEqual("buy"u8))
        {
            return true;
        }

        side = Side.Ask;
        return text.SequenceEqual("SELL"u8) || text.SequenceEqual("sell"u8);
    }

    private Price RequirePrice(ref Utf8JsonReader reader, string context, string name)
    {
        if (!TryScalarText(ref reader, out var text) || !Price.TryParse(text, out var price))
        {
            Fail($"{context}.{name} is not a price with at most {Price.Scale} decimals");
            return default;
        }

        return price;
    }

    private Size RequireSize(ref Utf8JsonReader reader, string context, string name)
    {
        if (!TryScalarText(ref reader, out var text) || !Size.TryParse(text, out var size))
        {
            Fail($"{context}.{name} is not a size with at most {Size.Scale} decimals");
            return default;
        }

        return size;
    }

    /// <summary>Side drives book state: an unknown value fails the frame loudly rather than guessing.</summary>
    private Side RequireSide(ref Utf8JsonReader reader, string context)
    {
        if (!TryReadSide(ref reader, out var side))
        {
            Fail($"{context}.side must be BUY or SELL");
        }

        return side;
    }

    private static void ExpectToken(ref Utf8JsonReader reader, JsonTokenType expected, string name)
    {
        if (reader.TokenType != expected)
        {
            Fail($"'{name}' has {reader.TokenType} where {expected} was expected");
        }
    }
}
