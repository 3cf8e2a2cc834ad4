using System.Text.Json;

namespace Polytape.Polymarket.Rest;

/// <summary>
/// Parses and writes CLOB REST bodies with the source-generated <see cref="PolymarketJsonContext"/>. Every
/// <c>Parse…</c> method throws <see cref="PolymarketFormatException"/> naming the model when the body does not
/// fit it. Cold path: these allocate freely.
/// </summary>
public static class PolymarketRestJson
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    /// <summary><c>GET /book</c>.</summary>
    public static PolymarketOrderBookSummary ParseOrderBook(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketOrderBookSummary, nameof(PolymarketOrderBookSummary));

    /// <summary><c>POST /books</c>: order is not the request's; key by <c>asset_id</c>.</summary>
    public static IReadOnlyList<PolymarketOrderBookSummary> ParseOrderBooks(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketOrderBookSummary, $"list of {nameof(PolymarketOrderBookSummary)}");

    /// <summary><c>GET /markets/{condition_id}</c>.</summary>
    public static PolymarketClobMarket ParseClobMarket(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketClobMarket, nameof(PolymarketClobMarket));

    /// <summary>A page of <c>GET /markets</c> or <c>GET /sampling-markets</c>.</summary>
    public static PolymarketClobMarketsPage ParseClobMarketsPage(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketClobMarketsPage, nameof(PolymarketClobMarketsPage));

    /// <summary>A non-2xx body such as <c>{"error":"Invalid token id"}</c>.</summary>
    public static PolymarketErrorResponse ParseError(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketErrorResponse, nameof(PolymarketErrorResponse));

    /// <summary>
    /// Reads an error body without throwing: proxies and rate limiters in front of the venue answer with HTML or
    /// plain text, which the caller reports as-is.
    /// </summary>
    public static bool TryParseError(ReadOnlySpan<byte> utf8Json, out PolymarketErrorResponse? error)
    {
        try
        {
            error = JsonSerializer.Deserialize(utf8Json, Context.PolymarketErrorResponse);
        }
        catch (JsonException)
        {
            error = null;
        }

        return error is not null;
    }

    /// <summary><c>GET /midpoint</c>.</summary>
    public static PolymarketMidpointResponse ParseMidpoint(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketMidpointResponse, nameof(PolymarketMidpointResponse));

    /// <summary><c>GET /spread</c>.</summary>
    public static PolymarketSpreadResponse ParseSpread(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketSpreadResponse, nameof(PolymarketSpreadResponse));

    /// <summary><c>GET /price</c>.</summary>
    public static PolymarketPriceResponse ParsePrice(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketPriceResponse, nameof(PolymarketPriceResponse));

    /// <summary><c>GET /tick-size</c>.</summary>
    public static PolymarketTickSizeResponse ParseTickSize(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketTickSizeResponse, nameof(PolymarketTickSizeResponse));

    /// <summary><c>GET /neg-risk</c>.</summary>
    public static PolymarketNegRiskResponse ParseNegRisk(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketNegRiskResponse, nameof(PolymarketNegRiskResponse));

    /// <summary><c>GET /prices-history</c>.</summary>
    public static PolymarketPricesHistory ParsePricesHistory(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketPricesHistory, nameof(PolymarketPricesHistory));

    /// <summary>A book as the venue serves it: compact, venue key order, absent fields omitted.</summary>
    public static byte[] SerializeOrderBook(PolymarketOrderBookSummary book) =>
        JsonSerializer.SerializeToUtf8Bytes(book, Context.PolymarketOrderBookSummary);

    /// <summary>A <c>POST /books</c> response.</summary>
    public static byte[] SerializeOrderBooks(IReadOnlyList<PolymarketOrderBookSummary> books) =>
        JsonSerializer.SerializeToUtf8Bytes(books, Context.IReadOnlyListPolymarketOrderBookSummary);

    /// <summary>A <c>POST /books</c> body: <c>[{"token_id":"…"},…]</c>.</summary>
    public static byte[] SerializeBooksRequest(IEnumerable<string> tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var items = tokenIds.Select(id => new PolymarketBooksRequestItem { TokenId = id }).ToList();
        return JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<PolymarketBooksRequestItem>>(
            items, Context.IReadOnlyListPolymarketBooksRequestItem);
    }
}
