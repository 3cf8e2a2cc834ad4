using System.Net;
using System.Text;
using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>REST books must be the engine's true books, hash-verifiable by a client, in the venue's shape.</summary>
public sealed class ClobBookEndpointTests
{
    private static readonly string[] WireKeys =
        ["market", "asset_id", "timestamp", "hash", "bids", "asks", "min_order_size", "tick_size", "neg_risk", "last_trade_price"];

    [Fact]
    public async Task Book_EveryToken_RecomputesToTheEnginesHashInWireKeyOrder()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var tokens = StableTokens(sim);
        Assert.True(tokens.Count >= 18);

        foreach (var token in tokens)
        {
            var (status, body) = await client.FetchAsync($"book?token_id={token.Id}");
            Assert.Equal(HttpStatusCode.OK, status);
            using (var document = JsonDocument.Parse(body))
            {
                Assert.Equal(WireKeys, document.RootElement.EnumerateObject().Select(p => p.Name));
            }

            var summary = PolymarketRestJson.ParseOrderBook(body);
            BookHash engineHash;
            lock (sim.Engine.Gate)
            {
                engineHash = token.Hash;
            }

            Assert.Equal(token.Id, summary.AssetId);
            Assert.Equal(engineHash, BookHash.ParseHex(summary.Hash));
            Assert.Equal(engineHash, Recompute(summary));
            Assert.NotEmpty(summary.Bids);
        }
    }

    [Theory]
    [InlineData("book?token_id=abc", HttpStatusCode.BadRequest, "Invalid token id")]
    [InlineData("book?token_id=0x12", HttpStatusCode.BadRequest, "Invalid token id")]
    [InlineData("book", HttpStatusCode.BadRequest, "Invalid token id")]
    [InlineData("book?token_id=123456789", HttpStatusCode.NotFound, "No orderbook exists for the requested token id")]
    [InlineData("books?token_ids=1,2", HttpStatusCode.BadRequest, "Invalid payload")]
    public async Task Book_BadRequests_AnswerTheVenuesErrors(string path, HttpStatusCode expected, string error)
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var (status, body) = await client.FetchAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal(error, PolymarketRestJson.ParseError(body).Error);
    }

    [Fact]
    public async Task Books_DropsUnknownIds_AndAnswersInItsOwnOrder()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var known = StableTokens(sim).Select(t => t.Id).ToList();
        var request = known.Concat(["123456789", "not-a-token"]).ToList();

        var (status, body) = await client.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest(request));

        Assert.Equal(HttpStatusCode.OK, status);
        var books = PolymarketRestJson.ParseOrderBooks(body);
        Assert.Equal(known.Order(StringComparer.Ordinal), books.Select(b => b.AssetId).Order(StringComparer.Ordinal));
        Assert.NotEqual(known, books.Select(b => b.AssetId));
        foreach (var book in books)
        {
            Assert.Equal(BookHash.ParseHex(book.Hash), Recompute(book));
        }

        // Reversing the request does not reverse the answer: the venue's order is its own.
        var (_, reversed) = await client.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest(Enumerable.Reverse(known)));
        Assert.Equal(books.Select(b => b.AssetId), PolymarketRestJson.ParseOrderBooks(reversed).Select(b => b.AssetId));
    }

    [Fact]
    public async Task Books_OverFiveHundredItemsOrMalformed_IsRefused()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var token = StableTokens(sim)[0].Id;

        var (atLimit, atLimitBody) = await client.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest(Enumerable.Repeat(token, 500)));
        Assert.Equal(HttpStatusCode.OK, atLimit);
        Assert.Single(PolymarketRestJson.ParseOrderBooks(atLimitBody));

        var (over, overBody) = await client.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest(Enumerable.Repeat(token, 501)));
        Assert.Equal(HttpStatusCode.BadRequest, over);
        Assert.Equal("Payload exceeds the limit", PolymarketRestJson.ParseError(overBody).Error);

        var (malformed, malformedBody) = await client.PostJsonAsync("books", Encoding.UTF8.GetBytes("{\"token_id\":\"1\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal("Invalid payload", PolymarketRestJson.ParseError(malformedBody).Error);
    }

    /// <summary>Tokens of markets that trade for weeks (rolling windows may end during a test).</summary>
    internal static List<SimulatedToken> StableTokens(Hosting.PolymarketSimulator sim)
    {
        lock (sim.Engine.Gate)
        {
            return sim.Engine.Universe.Markets
                .Where(m => m.EventStartTime is null && m.Status == MarketStatus.Active)
                .SelectMany(m => new[] { m.Yes, m.No })
                .ToList();
        }
    }

    /// <summary>What a client does: rebuild the book from the levels and hash it with the summary's metadata (V4).</summary>
    internal static BookHash Recompute(PolymarketOrderBookSummary summary)
    {
        var bids = summary.Bids.Select(Level).ToArray();
        var asks = summary.Asks.Select(Level).ToArray();
        var book = new OrderBook(AssetId.Parse(summary.AssetId));
        book.Replace(bids, asks);

        // Served in wire order already: bids ascending, asks descending.
        Assert.True(book.Bids.WireOrder.SequenceEqual(bids));
        Assert.True(book.Asks.WireOrder.SequenceEqual(asks));
        var input = new BookHashInput(
            BookHashFormat.V4,
            Encoding.UTF8.GetBytes(summary.Market),
            Encoding.UTF8.GetBytes(summary.AssetId),
            long.Parse(summary.Timestamp!, System.Globalization.CultureInfo.InvariantCulture),
            Size.Parse(summary.MinOrderSize!),
            Price.Parse(summary.TickSize!),
            summary.NegRisk!.Value,
            Price.Parse(summary.LastTradePrice!));
        return new BookHasher().Compute(input, book);
    }

    private static BookLevel Level(PolymarketOrderSummary level) => new(Price.Parse(level.Price), Size.Parse(level.Size));
}
