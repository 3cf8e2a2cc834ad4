using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Wire;

/// <summary>
/// Writes market-channel frames the way the live venue does (polymarket-protocol.md §3, the captures in
/// shared/realdata): key order, string numbers and timestamps, bids ascending and asks descending, a
/// compact initial dump and ", "-separated incremental messages.
/// </summary>
public sealed class MarketFrameWriter
{
    private readonly FrameBuffer _buffer = new();

    /// <summary>The initial dump: one compact JSON array of books, each with tick_size and last_trade_price.</summary>
    public byte[] InitialBooks(IReadOnlyList<SimulatedToken> tokens)
    {
        _buffer.Reset(spaced: false);
        _buffer.Byte((byte)'[');
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
            {
                _buffer.Byte((byte)',');
            }

            var token = tokens[i];
            _buffer.Byte((byte)'{');
            WriteIds(token);
            _buffer.Timestamp("timestamp"u8, token.LastChangeMs);
            _buffer.Comma();
            _buffer.Member("hash"u8, token.Hash);
            _buffer.Comma();
            WriteLevels(token);
            _buffer.Member("tick_size"u8, token.Market.TickSize);
            _buffer.Comma();
            _buffer.Member("event_type"u8, "book"u8);
            _buffer.Comma();
            _buffer.Member("last_trade_price"u8, token.Market.LastTradePrice);
            _buffer.Byte((byte)'}');
        }

        _buffer.Byte((byte)']');
        return _buffer.ToArray();
    }

    /// <summary>A book sent after a trade: no tick_size or last_trade_price, ", " separators (as captured).</summary>
    public byte[] Book(SimulatedToken token)
    {
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        WriteIds(token);
        WriteLevels(token);
        _buffer.Member("hash"u8, token.Hash);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, token.LastChangeMs);
        _buffer.Comma();
        _buffer.Member("event_type"u8, "book"u8);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    /// <summary>
    /// A price_change: one entry per level change, each with its token's hash and best bid/ask as they
    /// stand now (so a sweep's messages all carry the final values, as live).
    /// </summary>
    public byte[] PriceChange(SimulatedMarket market, long timestampMs, ReadOnlySpan<LevelUpdate> updates, EmptySideStyle emptySides)
    {
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        _buffer.Member("market"u8, market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Key("price_changes"u8);
        _buffer.Byte((byte)'[');
        for (var i = 0; i < updates.Length; i++)
        {
            if (i > 0)
            {
                _buffer.Comma();
            }

            var update = updates[i];
            var token = update.Token;
            _buffer.Byte((byte)'{');
            _buffer.Member("asset_id"u8, token.IdUtf8);
            _buffer.Comma();
            _buffer.Member("price"u8, update.Price);
            _buffer.Comma();
            _buffer.Key("size"u8);
            _buffer.StringOf(update.Size);
            _buffer.Comma();
            _buffer.Member("side"u8, update.Side == Side.Bid ? "BUY"u8 : "SELL"u8);
            _buffer.Comma();
            _buffer.Member("hash"u8, token.Hash);
            _buffer.Comma();
            _buffer.Member("best_bid"u8, BestOrSentinel(token.Book.BestBid, emptySides, Price.Zero));
            _buffer.Comma();
            _buffer.Member("best_ask"u8, BestOrSentinel(token.Book.BestAsk, emptySides, Price.One));
            _buffer.Byte((byte)'}');
        }

        _buffer.Byte((byte)']');
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Comma();
        _buffer.Member("event_type"u8, "price_change"u8);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    /// <summary>A fill, in the docs' key order, with the taker's side and a transaction hash.</summary>
    public byte[] LastTradePrice(SimulatedToken token, Price price, Size size, Side takerSide, long timestampMs, string transactionHash)
    {
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        _buffer.Member("asset_id"u8, token.IdUtf8);
        _buffer.Comma();
        _buffer.Member("event_type"u8, "last_trade_price"u8);
        _buffer.Comma();
        _buffer.Member("fee_rate_bps"u8, "0"u8);
        _buffer.Comma();
        _buffer.Member("market"u8, token.Market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Member("price"u8, price);
        _buffer.Comma();
        _buffer.Member("side"u8, takerSide == Side.Bid ? "BUY"u8 : "SELL"u8);
        _buffer.Comma();
        _buffer.Key("size"u8);
        _buffer.StringOf(size);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Comma();
        _buffer.Member("transaction_hash"u8, transactionHash);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    public byte[] TickSizeChange(SimulatedToken token, Price oldTick, Price newTick, long timestampMs)
    {
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        _buffer.Member("event_type"u8, "tick_size_change"u8);
        _buffer.Comma();
        _buffer.Member("asset_id"u8, token.IdUtf8);
        _buffer.Comma();
        _buffer.Member("market"u8, token.Market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Member("old_tick_size"u8, oldTick);
        _buffer.Comma();
        _buffer.Member("new_tick_size"u8, newTick);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    public byte[] BestBidAsk(SimulatedToken token, long timestampMs)
    {
        var bid = token.Book.BestBid;
        var ask = token.Book.BestAsk;
        var spread = bid.IsEmpty || ask.IsEmpty ? Price.Empty : Price.FromUnits(ask.Units - bid.Units);
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        _buffer.Member("event_type"u8, "best_bid_ask"u8);
        _buffer.Comma();
        _buffer.Member("market"u8, token.Market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Member("asset_id"u8, token.IdUtf8);
        _buffer.Comma();
        _buffer.Member("best_bid"u8, BestOrSentinel(bid, EmptySideStyle.Bounds, Price.Zero));
        _buffer.Comma();
        _buffer.Member("best_ask"u8, BestOrSentinel(ask, EmptySideStyle.Bounds, Price.One));
        _buffer.Comma();
        _buffer.Member("spread"u8, spread);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    /// <summary>new_market in the docs' key order, with the AsyncAPI and live extras.</summary>
    public byte[] NewMarket(SimulatedMarket market, long timestampMs)
    {
        _buffer.Reset(spaced: true);
        _buffer.Byte((byte)'{');
        WriteMarketHeader(market, withQuestion: true);
        _buffer.Key("event_message"u8);
        WriteEventMessage(market.Event);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Comma();
        _buffer.Member("event_type"u8, "new_market"u8);
        _buffer.Comma();
        _buffer.Key("tags"u8);
        _buffer.StringArray(market.Event.Tags);
        _buffer.Comma();
        _buffer.Member("condition_id"u8, market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Raw("\"active\":true"u8);
        _buffer.Comma();
        _buffer.Key("clob_token_ids"u8);
        _buffer.StringArray([market.Yes.Id, market.No.Id]);
        _buffer.Comma();
        _buffer.Member("sports_market_type"u8, ""u8);
        _buffer.Comma();
        _buffer.Member("line"u8, ""u8);
        _buffer.Comma();
        _buffer.Member("game_start_time"u8, ""u8);
        _buffer.Comma();
        _buffer.Member("order_price_min_tick_size"u8, market.TickSize);
        _buffer.Comma();
        _buffer.Member("group_item_title"u8, market.Question);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    /// <summary>market_resolved as captured live (2026-10): no question or slug, event_message null, tags last.</summary>
    public byte[] MarketResolved(SimulatedMarket market, long timestampMs)
    {
        var winner = market.Winner ?? market.Yes;
        _buffer.Reset(spaced: false);
        _buffer.Byte((byte)'{');
        _buffer.Member("id"u8, market.GammaId);
        _buffer.Comma();
        _buffer.Member("market"u8, market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Key("assets_ids"u8);
        _buffer.StringArray([market.Yes.Id, market.No.Id]);
        _buffer.Comma();
        _buffer.Member("winning_asset_id"u8, winner.IdUtf8);
        _buffer.Comma();
        _buffer.Member("winning_outcome"u8, winner.Outcome);
        _buffer.Comma();
        _buffer.Raw("\"event_message\":null"u8);
        _buffer.Comma();
        _buffer.Timestamp("timestamp"u8, timestampMs);
        _buffer.Comma();
        _buffer.Member("event_type"u8, "market_resolved"u8);
        _buffer.Comma();
        _buffer.Key("tags"u8);
        _buffer.StringArray(market.Event.Tags);
        _buffer.Byte((byte)'}');
        return _buffer.ToArray();
    }

    /// <summary>"market" and "asset_id", each followed by a separator.</summary>
    private void WriteIds(SimulatedToken token)
    {
        _buffer.Member("market"u8, token.Market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Member("asset_id"u8, token.IdUtf8);
        _buffer.Comma();
    }

    /// <summary>"bids" then "asks" in wire order, each followed by a separator.</summary>
    private void WriteLevels(SimulatedToken token)
    {
        _buffer.Key("bids"u8);
        _buffer.Levels(token.Book.Bids.WireOrder);
        _buffer.Comma();
        _buffer.Key("asks"u8);
        _buffer.Levels(token.Book.Asks.WireOrder);
        _buffer.Comma();
    }

    private void WriteMarketHeader(SimulatedMarket market, bool withQuestion)
    {
        _buffer.Member("id"u8, market.GammaId);
        _buffer.Comma();
        if (withQuestion)
        {
            _buffer.Member("question"u8, market.Question);
            _buffer.Comma();
        }

        _buffer.Member("market"u8, market.ConditionIdUtf8);
        _buffer.Comma();
        _buffer.Member("slug"u8, market.Slug);
        _buffer.Comma();
        _buffer.Member("description"u8, $"This market will resolve to \"{market.Yes.Outcome}\" if {market.Question.TrimEnd('?')}.");
        _buffer.Comma();
        _buffer.Key("assets_ids"u8);
        _buffer.StringArray([market.Yes.Id, market.No.Id]);
        _buffer.Comma();
        _buffer.Key("outcomes"u8);
        _buffer.StringArray([market.Yes.Outcome, market.No.Outcome]);
        _buffer.Comma();
    }

    private void WriteEventMessage(SimulatedEvent simulatedEvent)
    {
        _buffer.Byte((byte)'{');
        _buffer.Member("id"u8, simulatedEvent.Id);
        _buffer.Comma();
        _buffer.Member("ticker"u8, simulatedEvent.Slug);
        _buffer.Comma();
        _buffer.Member("slug"u8, simulatedEvent.Slug);
        _buffer.Comma();
        _buffer.Member("title"u8, simulatedEvent.Title);
        _buffer.Comma();
        _buffer.Member("description"u8, simulatedEvent.Title);
        _buffer.Byte((byte)'}');
    }

    private static Price BestOrSentinel(Price best, EmptySideStyle style, Price bound) =>
        !best.IsEmpty ? best : style == EmptySideStyle.Bounds ? bound : Price.Empty;
}
