using System.Numerics;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>Per-type validation of a read object, and its dispatch as a wire view.</summary>
public sealed partial class MarketFrameParser
{
    private void Validate(ref ObjectFields f)
    {
        if (f.Type == MarketEventType.Unknown)
        {
            return;
        }

        var invalid = f.Invalid & WireFields.Defined(f.Type);
        if (invalid != 0)
        {
            var first = (WireField)(1UL << BitOperations.TrailingZeroCount((ulong)invalid));
            Fail($"{EventName(f.Type)}.{WireFields.NameOf(first)} has a value that is not valid");
        }

        switch (f.Type)
        {
            case MarketEventType.Book:
                Require(f, WireField.AssetId | WireField.Bids | WireField.Asks);
                break;
            case MarketEventType.PriceChange:
                ValidatePriceChange(ref f);
                break;
            case MarketEventType.LastTradePrice:
                Require(f, WireField.AssetId | WireField.Price | WireField.Side);
                if (f.Price.IsEmpty)
                {
                    Fail("last_trade_price.price is empty: a trade needs a price");
                }

                break;
            case MarketEventType.TickSizeChange:
                Require(f, WireField.AssetId | WireField.NewTickSize);
                if (f.NewTickSize.IsEmpty || f.NewTickSize.Units == 0)
                {
                    Fail("tick_size_change.new_tick_size must be a positive tick");
                }

                break;
            case MarketEventType.BestBidAsk:
                Require(f, WireField.AssetId | WireField.BestBid | WireField.BestAsk);
                break;
            case MarketEventType.NewMarket:
            case MarketEventType.MarketResolved:
                Require(f, WireField.Market | WireField.AssetsIds);
                break;
        }
    }

    /// <summary>
    /// The current schema has per-entry assets; the legacy one has a root asset_id and hash with either a
    /// "changes" array or a single root price/side/size. Legacy entries get the root asset and hash here.
    /// </summary>
    private void ValidatePriceChange(ref ObjectFields f)
    {
        if (f.Has(WireField.PriceChanges))
        {
            return;
        }

        Require(f, WireField.AssetId);
        if (!f.Has(WireField.Changes))
        {
            Require(f, WireField.Price | WireField.Size | WireField.Side);
            if (f.Price.IsEmpty || f.Size.IsEmpty)
            {
                Fail("price_change has an empty price or size, so no level can be changed");
            }

            _entries[0] = new PolymarketPriceChangeEntry(default, f.Side, f.Price, f.Size, default, false, Price.Empty, Price.Empty, false);
            f.EntryCount = 1;
        }

        for (var i = 0; i < f.EntryCount; i++)
        {
            _entries[i] = _entries[i] with { AssetIdRange = f.AssetId, Hash = f.Hash, HasHash = f.HasHash };
        }
    }

    private static void Require(in ObjectFields f, WireField required)
    {
        var missing = required & ~f.Seen;
        if (missing != 0)
        {
            var first = (WireField)(1UL << BitOperations.TrailingZeroCount((ulong)missing));
            Fail($"{EventName(f.Type)} is missing '{WireFields.NameOf(first)}'");
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame, ref ObjectFields f, IMarketChannelHandler handler)
    {
        Statistics.CountEvent(f.Type);
        CountDrift(frame, f);
        switch (f.Type)
        {
            case MarketEventType.Book:
                handler.OnBook(new PolymarketBook
                {
                    Market = frame[f.Market],
                    AssetId = frame[f.AssetId],
                    TimestampMs = f.TimestampMs,
                    Hash = f.Hash,
                    HasHash = f.HasHash,
                    Bids = _bids.AsSpan(0, f.BidCount),
                    Asks = _asks.AsSpan(0, f.AskCount),
                    TickSize = f.TickSize,
                    HasLastTradePrice = f.Has(WireField.LastTradePrice),
                    LastTradePrice = f.LastTradePrice,
                    MinOrderSize = f.MinOrderSize,
                    NegRisk = f.Has(WireField.NegRisk) ? f.NegRisk : null,
                    IsRestSummary = !f.Has(WireField.EventType),
                });
                break;
            case MarketEventType.PriceChange:
                handler.OnPriceChange(new PolymarketPriceChange(frame, _entries.AsSpan(0, f.EntryCount))
                {
                    Market = frame[f.Market],
                    TimestampMs = f.TimestampMs,
                    IsLegacy = !f.Has(WireField.PriceChanges),
                });
                break;
            case MarketEventType.LastTradePrice:
                handler.OnLastTradePrice(new PolymarketLastTradePrice
                {
                    Market = frame[f.Market],
                    AssetId = frame[f.AssetId],
                    Price = f.Price,
                    Size = f.Size,
                    TakerSide = f.Side,
                    FeeRateBps = f.FeeRateBps,
                    TimestampMs = f.TimestampMs,
                    TransactionHash = frame[f.TransactionHash],
                });
                break;
            case MarketEventType.TickSizeChange:
                handler.OnTickSizeChange(new PolymarketTickSizeChange
                {
                    Market = frame[f.Market],
                    AssetId = frame[f.AssetId],
                    OldTickSize = f.OldTickSize,
                    NewTickSize = f.NewTickSize,
                    TimestampMs = f.TimestampMs,
                });
                break;
            case MarketEventType.BestBidAsk:
                handler.OnBestBidAsk(new PolymarketBestBidAsk
                {
                    Market = frame[f.Market],
                    AssetId = frame[f.AssetId],
                    BestBid = f.BestBid,
                    BestAsk = f.BestAsk,
                    Spread = f.Spread,
                    TimestampMs = f.TimestampMs,
                });
                break;
            case MarketEventType.NewMarket:
            case MarketEventType.MarketResolved:
                handler.OnMarketNotice(new PolymarketMarketNotice(frame, _assetIds.AsSpan(0, f.AssetIdCount))
                {
                    EventType = f.Type,
                    Id = frame[f.Id],
                    Market = frame[f.Market],
                    WinningAssetId = frame[f.WinningAssetId],
                    TimestampMs = f.TimestampMs,
                    RawJson = frame[f.Raw],
                });
                break;
            default:
                handler.OnUnknownEvent(frame[f.EventType], frame[f.Raw]);
                break;
        }
    }

    private void CountDrift(ReadOnlySpan<byte> frame, in ObjectFields f)
    {
        var drift = Statistics.Drift;
        if (f.Type == MarketEventType.Unknown)
        {
            drift.CountEventType(frame[f.EventType]);
            return;
        }

        var context = EventNameUtf8(f.Type);
        var undefined = (ulong)(f.Seen & ~WireFields.Defined(f.Type) & ~WireField.Unrecognised);
        while (undefined != 0)
        {
            var bit = (WireField)(1UL << BitOperations.TrailingZeroCount(undefined));
            drift.CountField(context, WireFields.Utf8NameOf(bit));
            undefined &= undefined - 1;
        }

        for (var i = 0; i < f.UnknownCount; i++)
        {
            if (i == UnknownKeys.Capacity)
            {
                drift.CountField(context, "(more)"u8);
                break;
            }

            var key = f.Unknown[i];
            drift.CountField(ContextName(f.Type, key.Context), frame[key.Name]);
        }
    }

    private static ReadOnlySpan<byte> ContextName(MarketEventType type, KeyContext context) => context switch
    {
        KeyContext.Level => type == MarketEventType.Book ? "book.levels[]"u8 : "levels[]"u8,
        KeyContext.PriceChangeEntry => "price_change.price_changes[]"u8,
        KeyContext.LegacyChange => "price_change.changes[]"u8,
        _ => EventNameUtf8(type),
    };

    private static ReadOnlySpan<byte> EventNameUtf8(MarketEventType type) => type switch
    {
        MarketEventType.Book => "book"u8,
        MarketEventType.PriceChange => "price_change"u8,
        MarketEventType.LastTradePrice => "last_trade_price"u8,
        MarketEventType.TickSizeChange => "tick_size_change"u8,
        MarketEventType.BestBidAsk => "best_bid_ask"u8,
        MarketEventType.NewMarket => "new_market"u8,
        MarketEventType.MarketResolved => "market_resolved"u8,
        _ => "unknown"u8,
    };

    private static string EventName(MarketEventType type) => System.Text.Encoding.UTF8.GetString(EventNameUtf8(type));
}
