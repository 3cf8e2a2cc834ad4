using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;

namespace Polytape.Simulator.Rest;

/// <summary>Responses shaped as the venue sends them: JSON bodies, <c>{"error":"…"}</c> errors, Cloudflare's text pages.</summary>
internal static class RestResults
{
    public const string InvalidTokenId = "Invalid token id";
    public const string NoOrderbook = "No orderbook exists for the requested token id";
    public const string MarketNotFound = "market not found";
    public const string InvalidPayload = "Invalid payload";

    private const string JsonType = "application/json";

    public static IResult Json(byte[] utf8Body, int statusCode = StatusCodes.Status200OK) =>
        new Utf8BodyResult(utf8Body, statusCode, JsonType);

    public static IResult Error(int statusCode, string message) =>
        Json(JsonSerializer.SerializeToUtf8Bytes(new PolymarketErrorResponse { Error = message }, PolymarketJsonContext.Default.PolymarketErrorResponse), statusCode);

    /// <summary>A plain-text body, as the CDN in front of the venue answers (not JSON: clients must cope).</summary>
    public static IResult Text(string text, int statusCode) =>
        new Utf8BodyResult(Encoding.UTF8.GetBytes(text), statusCode, "text/plain; charset=utf-8");
}
