using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>
/// CLOB <c>GET /markets</c> (cursor pages: base64 of an offset, <c>MA==</c> first, <c>LTE=</c> after the last) and
/// <c>GET /markets/{condition_id}</c>. Hydrating markets are not yet known to the CLOB.
/// </summary>
internal static class ClobMarketEndpoints
{
    // §5.5: pages hold up to 1000 markets.
    public const int PageSize = 1000;

    public static IResult Markets(HttpRequest request, MarketEngine engine)
    {
        string? cursor = request.Query["next_cursor"];
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && (!TryDecodeCursor(cursor, out offset) || offset < 0))
        {
            // Includes "LTE=" (-1): the end marker must not be sent back.
            return RestResults.Error(StatusCodes.Status400BadRequest, "invalid next_cursor");
        }

        PolymarketClobMarketsPage page;
        lock (engine.Gate)
        {
            var known = engine.Universe.Markets.Where(m => m.Status != MarketStatus.Hydrating).ToList();
            var data = known.Skip(offset).Take(PageSize).Select(ClobMarkets.ToWire).ToList();
            var next = offset + data.Count;
            page = new PolymarketClobMarketsPage
            {
                Limit = PageSize,
                Count = data.Count,
                NextCursor = next < known.Count ? EncodeCursor(next) : PolymarketClobMarketsPage.EndCursor,
                Data = data,
            };
        }

        return RestResults.Json(JsonSerializer.SerializeToUtf8Bytes(page, PolymarketJsonContext.Default.PolymarketClobMarketsPage));
    }

    public static IResult Market(string conditionId, MarketEngine engine)
    {
        PolymarketClobMarket? market;
        lock (engine.Gate)
        {
            market = engine.Universe.TryGetMarketByConditionId(conditionId, out var found) && found.Status != MarketStatus.Hydrating
                ? ClobMarkets.ToWire(found)
                : null;
        }

        return market is null
            ? RestResults.Error(StatusCodes.Status404NotFound, RestResults.MarketNotFound)
            : RestResults.Json(JsonSerializer.SerializeToUtf8Bytes(market, PolymarketJsonContext.Default.PolymarketClobMarket));
    }

    public static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        Span<byte> bytes = stackalloc byte[32];
        return cursor.Length <= 44
            && Convert.TryFromBase64String(cursor, bytes, out var written)
            && int.TryParse(Encoding.ASCII.GetString(bytes[..written]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset);
    }
}
