using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;

namespace Polytape.Simulator.Rest;

/// <summary>CLOB <c>GET /book</c> and <c>POST /books</c> (§5.1, §5.2).</summary>
internal static class ClobBookEndpoints
{
    // §5.2: 501 items give 400 "Payload exceeds the limit".
    public const int MaxBooksPerRequest = 500;

    public static IResult Book(HttpRequest request, ServedBooks books)
    {
        string? tokenId = request.Query["token_id"];
        if (!TokenIds.IsWellFormed(tokenId))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidTokenId);
        }

        return books.TryGet(tokenId, out var summary)
            ? RestResults.Json(PolymarketRestJson.SerializeOrderBook(summary))
            : RestResults.Error(StatusCodes.Status404NotFound, RestResults.NoOrderbook);
    }

    public static async Task<IResult> BooksAsync(HttpRequest request, ServedBooks books)
    {
        IReadOnlyList<PolymarketBooksRequestItem>? items;
        try
        {
            items = await JsonSerializer.DeserializeAsync(
                request.Body, PolymarketJsonContext.Default.IReadOnlyListPolymarketBooksRequestItem, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidPayload);
        }

        if (items is null)
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidPayload);
        }

        if (items.Count > MaxBooksPerRequest)
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, "Payload exceeds the limit");
        }

        // Unknown and malformed ids are dropped silently, as live.
        var ids = items.Select(item => item?.TokenId).Where(TokenIds.IsWellFormed).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        var summaries = books.GetMany(ids);

        // The venue answers in its own order (a map's), not the request's: a stable scramble keeps that trap.
        summaries.Sort((a, b) => TokenIds.StableHash(a.AssetId).CompareTo(TokenIds.StableHash(b.AssetId)));
        return RestResults.Json(PolymarketRestJson.SerializeOrderBooks(summaries));
    }

    /// <summary>The GET form is refused live: use POST.</summary>
    public static IResult BooksGet() => RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidPayload);
}
