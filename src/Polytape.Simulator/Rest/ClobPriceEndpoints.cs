using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>The small CLOB endpoints of §5.3: midpoint, spread, price, tick size, neg risk, time, health.</summary>
internal static class ClobPriceEndpoints
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    public static IResult Midpoint(HttpRequest request, MarketEngine engine) =>
        WithBook(request.Query["token_id"], engine, token => Serialize(new PolymarketMidpointResponse { Mid = BookPrices.Mid(token) }, Context.PolymarketMidpointResponse));

    public static IResult Spread(HttpRequest request, MarketEngine engine) =>
        WithBook(request.Query["token_id"], engine, token => Serialize(new PolymarketSpreadResponse { Spread = BookPrices.Spread(token) }, Context.PolymarketSpreadResponse));

    /// <summary>BUY gives the best bid and SELL the best ask: the price you get selling to, or buying from, the book.</summary>
    public static IResult Price(HttpRequest request, MarketEngine engine)
    {
        string? side = request.Query["side"];
        var buy = string.Equals(side, "BUY", StringComparison.OrdinalIgnoreCase);
        if (!buy && !string.Equals(side, "SELL", StringComparison.OrdinalIgnoreCase))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, "Invalid side");
        }

        return WithBook(request.Query["token_id"], engine, token =>
            Serialize(new PolymarketPriceResponse { Price = buy ? BookPrices.BestBid(token) : BookPrices.BestAsk(token) }, Context.PolymarketPriceResponse));
    }

    public static IResult TickSize(string? tokenId, MarketEngine engine) =>
        WithMarket(tokenId, engine, market => Serialize(new PolymarketTickSizeResponse { MinimumTickSize = market.TickSize.ToString() }, Context.PolymarketTickSizeResponse));

    public static IResult NegRisk(HttpRequest request, MarketEngine engine) =>
        WithMarket(request.Query["token_id"], engine, market => Serialize(new PolymarketNegRiskResponse { NegRisk = market.NegRisk }, Context.PolymarketNegRiskResponse));

    /// <summary>Server time in Unix seconds, a bare JSON number.</summary>
    public static IResult Time(TimeProvider time) =>
        RestResults.Json(System.Text.Encoding.UTF8.GetBytes(time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    public static IResult Ok() => RestResults.Text("OK", StatusCodes.Status200OK);

    private static IResult WithBook(string? tokenId, MarketEngine engine, Func<SimulatedToken, IResult> answer)
    {
        if (!TokenIds.IsWellFormed(tokenId))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidTokenId);
        }

        lock (engine.Gate)
        {
            return engine.Universe.TryGetToken(tokenId, out var token) && BookPrices.HasBook(token.Market)
                ? answer(token)
                : RestResults.Error(StatusCodes.Status404NotFound, RestResults.NoOrderbook);
        }
    }

    // Market metadata outlives the book (resolved markets keep their tick), but hydrating markets are unknown.
    private static IResult WithMarket(string? tokenId, MarketEngine engine, Func<SimulatedMarket, IResult> answer)
    {
        if (!TokenIds.IsWellFormed(tokenId))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidTokenId);
        }

        lock (engine.Gate)
        {
            return engine.Universe.TryGetToken(tokenId, out var token) && token.Market.Status != MarketStatus.Hydrating
                ? answer(token.Market)
                : RestResults.Error(StatusCodes.Status404NotFound, RestResults.MarketNotFound);
        }
    }

    private static IResult Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        RestResults.Json(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
