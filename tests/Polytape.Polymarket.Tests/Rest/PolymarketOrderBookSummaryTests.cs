using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Polytape.Polymarket.Rest;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.Rest;

public sealed class PolymarketOrderBookSummaryTests
{
    private const string HashChainFile = "polypy_book_pricechange_restbook_hash_chain_2025-10.txt";

    [Fact]
    public void ParseOrderBook_NautilusRestBook2024_KeepsLevelsAsExactStrings()
    {
        var book = PolymarketRestJson.ParseOrderBook(RealData.ReadAllBytes("nautilus_rest_book_2024-10.json"));

        Assert.Equal("0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f", book.Market);
        Assert.Equal(
            "23360939988679364027624185518382759743328544433592111535569478055890815567848", book.AssetId);
        Assert.Equal("2fc4a3d6a98bc164e057589bcb74981852b87412", book.Hash);
        Assert.Equal("1728799418260", book.Timestamp);
        Assert.Equal(5, book.Bids.Count);
        Assert.Equal(7, book.Asks.Count);
        Assert.Equal(new PolymarketOrderSummary { Price = "0.01", Size = "1000" }, book.Bids[0]);
        Assert.Equal(new PolymarketOrderSummary { Price = "0.38", Size = "192.3" }, book.Asks[4]);
        Assert.Null(book.TickSize);
        Assert.Null(book.MinOrderSize);
        Assert.Null(book.NegRisk);
        Assert.Null(book.LastTradePrice);
    }

    [Theory]
    [InlineData("polypy_rest_book_2024-12_a.json", "8480f7d629ddc92fa7e53e63b7c74a6a2129fe77", "1733479449736", 72, 79, "0.001", "0.999")]
    [InlineData("polypy_rest_book_2024-12_b.json", "bfe36383f80af358589a66dc8f51eb48b2f9cd9a", "1733332137587", 42, 45, "0.01", "0.99")]
    public void ParseOrderBook_PolypyInnerBook_ReadsAllFields(
        string file, string hash, string timestamp, int bidCount, int askCount, string firstBid, string firstAsk)
    {
        var book = PolymarketRestJson.ParseOrderBook(PolypyInnerBook(file));

        Assert.Equal(hash, book.Hash);
        Assert.Equal(timestamp, book.Timestamp);
        Assert.Equal(bidCount, book.Bids.Count);
        Assert.Equal(askCount, book.Asks.Count);
        Assert.Equal(firstBid, book.Bids[0].Price);
        Assert.Equal(firstAsk, book.Asks[0].Price);
        Assert.Equal("5", book.MinOrderSize);
        Assert.Equal("0.01", book.TickSize);
        Assert.False(book.NegRisk);
    }

    [Fact]
    public void ParseOrderBook_HashChainRestLines_AcceptsNumericTimestamp()
    {
        var books = HashChainRestBooks().Select(line => PolymarketRestJson.ParseOrderBook(line)).ToList();

        Assert.Equal(2, books.Count);
        Assert.Equal("1761179949036", books[0].Timestamp);
        Assert.Equal("b9ee8c0d2cc9a436dc6e70692b6882b881434d7b", books[0].Hash);
        Assert.Equal("1761179967114", books[1].Timestamp);
        Assert.Equal("b93c4a66e54f5d95852a5350c83631ae695ebf31", books[1].Hash);
        Assert.All(books, book => Assert.Equal((18, 16), (book.Bids.Count, book.Asks.Count)));
        Assert.Equal(new PolymarketOrderSummary { Price = "0.06", Size = "10.11" }, books[1].Bids[4]);
        Assert.Equal("0.01", books[0].TickSize);
    }

    [Fact]
    public void SerializeOrderBook_AllFields_WritesVenueKeyOrder()
    {
        var book = PolymarketRestJson.ParseOrderBook(HashChainRestBooks()[0]) with { LastTradePrice = "0.34" };

        var keys = TopLevelKeys(PolymarketRestJson.SerializeOrderBook(book));

        Assert.Equal(
            ["market", "asset_id", "timestamp", "hash", "bids", "asks", "min_order_size", "tick_size", "neg_risk",
             "last_trade_price"],
            keys);
    }

    [Fact]
    public void SerializeOrderBook_NumericTimestampOnInput_WritesString()
    {
        var book = PolymarketRestJson.ParseOrderBook(HashChainRestBooks()[0]);

        var json = Encoding.UTF8.GetString(PolymarketRestJson.SerializeOrderBook(book));

        Assert.Contains("\"timestamp\":\"1761179949036\"", json, StringComparison.Ordinal);
        Assert.Contains("\"neg_risk\":false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeOrderBook_EmptyAsksAndLastTradePrice_RoundTripsExactly()
    {
        var wire =
            """{"market":"0xabc","asset_id":"123","timestamp":"1766500000000","hash":"h","bids":[{"price":"0.5","size":"10"}],"asks":[],"min_order_size":"5","tick_size":"0.01","neg_risk":false,"last_trade_price":""}"""u8
                .ToArray();

        var book = PolymarketRestJson.ParseOrderBook(wire);

        Assert.Empty(book.Asks);
        Assert.Equal(string.Empty, book.LastTradePrice);
        Assert.Equal(wire, PolymarketRestJson.SerializeOrderBook(book));
    }

    [Fact]
    public void SerializeOrderBook_UnknownKey_KeepsItAfterKnownKeys()
    {
        var book = PolymarketRestJson.ParseOrderBook(
            """{"future_field":7,"market":"0xabc","asset_id":"1","hash":"h","bids":[],"asks":[]}"""u8);

        var keys = TopLevelKeys(PolymarketRestJson.SerializeOrderBook(book));

        Assert.Equal(["market", "asset_id", "hash", "bids", "asks", "future_field"], keys);
    }

    // The strongest check of key order and exact strings: the venue's SHA-1 recomputes from our serialisation,
    // with each era's field set (SOURCES.md).
    [Fact]
    public void SerializeOrderBook_V1HashPayload_ReproducesVenueHash()
    {
        var book = PolymarketRestJson.ParseOrderBook(RealData.ReadAllBytes("nautilus_rest_book_2024-10.json"));

        Assert.Equal(book.Hash, VenueHash(book with { Timestamp = null }));
    }

    [Theory]
    [InlineData("polypy_rest_book_2024-12_a.json")]
    [InlineData("polypy_rest_book_2024-12_b.json")]
    public void SerializeOrderBook_V2HashPayload_ReproducesVenueHash(string file)
    {
        var book = PolymarketRestJson.ParseOrderBook(PolypyInnerBook(file));

        Assert.Equal(book.Hash, VenueHash(book with { MinOrderSize = null, TickSize = null, NegRisk = null }));
    }

    [Fact]
    public void SerializeOrderBook_V3HashPayload_ReproducesVenueHash()
    {
        foreach (var line in HashChainRestBooks())
        {
            var book = PolymarketRestJson.ParseOrderBook(line);

            Assert.Equal(book.Hash, VenueHash(book));
        }
    }

    [Fact]
    public void ParseOrderBooks_PostBooksArray_ReadsEveryBook()
    {
        var lines = HashChainRestBooks();
        var body = Encoding.UTF8.GetBytes($"[{Encoding.UTF8.GetString(lines[0])},{Encoding.UTF8.GetString(lines[1])}]");

        var books = PolymarketRestJson.ParseOrderBooks(body);

        Assert.Equal(["b9ee8c0d2cc9a436dc6e70692b6882b881434d7b", "b93c4a66e54f5d95852a5350c83631ae695ebf31"],
            books.Select(b => b.Hash));
    }

    [Fact]
    public void ParseOrderBook_MissingAssetId_ThrowsFormatExceptionNamingModel()
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketRestJson.ParseOrderBook("""{"market":"0xabc","hash":"h","bids":[],"asks":[]}"""u8));

        Assert.Equal(nameof(PolymarketOrderBookSummary), ex.ModelName);
        Assert.Contains(nameof(PolymarketOrderBookSummary), ex.Message, StringComparison.Ordinal);
        Assert.Contains("asset_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrderBook_LevelPriceIsObject_ThrowsFormatExceptionWithPath()
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketRestJson.ParseOrderBook(
                """{"market":"m","asset_id":"a","hash":"h","bids":[{"price":{},"size":"1"}],"asks":[]}"""u8));

        Assert.Contains(nameof(PolymarketOrderBookSummary), ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.bids[0].price", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"market\":")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("{\"market\":null,\"asset_id\":\"a\",\"hash\":\"h\",\"bids\":[],\"asks\":[]}")]
    public void ParseOrderBook_Malformed_ThrowsFormatExceptionNamingModel(string body)
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketRestJson.ParseOrderBook(Encoding.UTF8.GetBytes(body)));

        Assert.Contains(nameof(PolymarketOrderBookSummary), ex.Message, StringComparison.Ordinal);
    }

    private static byte[] PolypyInnerBook(string file)
    {
        using var document = JsonDocument.Parse(RealData.ReadAllBytes(file));
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty("book").GetRawText());
    }

    private static List<byte[]> HashChainRestBooks() =>
        RealData.ReadAllText(HashChainFile)
            .Split('\n')
            .Where(line => line.StartsWith("{\"market\"", StringComparison.Ordinal))
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

    private static List<string> TopLevelKeys(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    // Polymarket's published algorithm: SHA-1 over the compact book with "hash" set to "". SHA-1 is the venue's
    // choice, not ours.
#pragma warning disable CA5350
    private static string VenueHash(PolymarketOrderBookSummary book) =>
        Convert.ToHexStringLower(SHA1.HashData(PolymarketRestJson.SerializeOrderBook(book with { Hash = string.Empty })));
#pragma warning restore CA5350
}
