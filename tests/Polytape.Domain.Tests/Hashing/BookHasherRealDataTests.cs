using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.TestSupport;

namespace Polytape.Domain.Tests.Hashing;

/// <summary>
/// Recomputes the exchange's own hashes from every real capture that SOURCES.md marks H for a book,
/// building the <see cref="OrderBook"/> from the JSON levels and hashing its wire order.
/// </summary>
public sealed class BookHasherRealDataTests
{
    private const string HashChainFile = "polypy_book_pricechange_restbook_hash_chain_2025-10.txt";
    private const string GoExcerptFile = "unidentified-go-repo_wire_frames_excerpt_2025-12.txt";

    // Market metadata for the 2025 captures: from the REST book (hash chain) and SOURCES.md (Go excerpt).
    private const string MinOrderSize = "5";
    private const string TickSize = "0.01";

    // Every book message after the Dec 2025 trade carries this text; the hash needs the 3 decimals.
    private const string GoLastTradePrice = "0.500";

    [Theory]
    [InlineData("nautilus_ws_book_2024-10.json")]
    [InlineData("nautilus_rest_book_2024-10.json")]
    public void Compute_V1Book_MatchesExchangeHash(string file)
    {
        var real = RealBook.FromJson(RealData.ReadAllText(file));

        AssertRecomputes(real, BookHashFormat.V1);
    }

    [Fact]
    public void Compute_V2WsBook_MatchesExchangeHash() =>
        AssertRecomputes(RealBook.FromJson(RealData.ReadAllText("polypy_ws_book_2024-11.json")), BookHashFormat.V2);

    [Theory]
    [InlineData("polypy_rest_book_2024-12_a.json")]
    [InlineData("polypy_rest_book_2024-12_b.json")]
    public void Compute_V2RestBookInsidePolypyWrapper_MatchesExchangeHash(string file)
    {
        using var document = JsonDocument.Parse(RealData.ReadAllText(file));

        AssertRecomputes(RealBook.FromJson(document.RootElement.GetProperty("book")), BookHashFormat.V2);
    }

    // 0: the WS book (no metadata of its own), 1 and 2: the REST books.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Compute_V3HashChainBook_MatchesExchangeHash(int index) =>
        AssertRecomputes(HashChainBooks()[index], BookHashFormat.V3, MinOrderSize, TickSize);

    // WS book + price_change 0 = REST book 0; + price_change 1 = REST book 1. Each entry's hash is the
    // hash of the book after the change, timestamped with the price_change.
    [Fact]
    public void Compute_V3HashChainAfterPriceChanges_MatchesEntryHashAndRestBook()
    {
        var books = HashChainBooks();
        var changes = HashChainPriceChanges();
        var book = books[0].ToOrderBook();
        var hasher = new BookHasher();
        LevelChange[] expectedChanges = [LevelChange.Removed, LevelChange.Updated];

        for (var i = 0; i < 2; i++)
        {
            var rest = books[i + 1];
            var (timestamp, entries) = changes[i];
            var entry = entries.Single(e => e.GetProperty("asset_id").GetString() == rest.AssetId);

            var change = book.Set(
                entry.GetProperty("side").GetString() == "BUY" ? Side.Bid : Side.Ask,
                Price.Parse(entry.GetProperty("price").GetString()!),
                Size.Parse(entry.GetProperty("size").GetString()!));

            Assert.Equal(expectedChanges[i], change);
            Assert.Equal(timestamp, rest.TimestampMs);
            Assert.True(book.HasSameLevels(rest.Bids, rest.Asks), $"book after price_change {i} differs from REST book {i}");
            Assert.Equal(entry.GetProperty("best_bid").GetString(), book.BestBid.ToString());
            Assert.Equal(entry.GetProperty("best_ask").GetString(), book.BestAsk.ToString());
            var hash = rest.ComputeHash(hasher, book, BookHashFormat.V3, MinOrderSize, TickSize, timestampMs: timestamp);
            Assert.Equal(entry.GetProperty("hash").GetString(), hash.ToString());
            Assert.Equal(rest.Hash, hash.ToString());
        }
    }

    // Line 1 (an array of the two initial books) and line 3 (a later book, ", " separators).
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Compute_V4GoExcerptBook_MatchesExchangeHash(int index) =>
        AssertRecomputes(GoExcerptBooks()[index], BookHashFormat.V4, MinOrderSize, TickSize, GoLastTradePrice);

    // The complementary token's book is the mirror image of its pair and hashes with the same
    // last_trade_price text.
    [Fact]
    public void Compute_MirroredInitialBook_MatchesComplementTokenHash()
    {
        var books = GoExcerptBooks();
        var (yes, no) = (books[0], books[1]);
        var mirror = new OrderBook(no.ToOrderBook().AssetId);
        mirror.Replace(Mirror(yes.Asks), Mirror(yes.Bids));

        Assert.True(mirror.HasSameLevels(no.Bids, no.Asks));
        Assert.Equal(yes.ToOrderBook().BestBid.Complement(), mirror.BestAsk);
        var hash = no.ComputeHash(new BookHasher(), mirror, BookHashFormat.V4, MinOrderSize, TickSize, lastTradePrice: GoLastTradePrice);
        Assert.Equal(no.Hash, hash.ToString());
    }

    [Fact]
    public void Compute_OneSizeCharacterChanged_NoLongerMatches()
    {
        var real = GoExcerptBooks()[0];
        var hasher = new BookHasher();
        var book = real.ToOrderBook();
        var level = book.Bids.FromBest(3);

        // Last digit bumped ("3769.8" → "3769.9"), and the same value with a trailing zero ("3769.80").
        var text = level.Size.ToString();
        var bumped = text[..^1] + (text[^1] == '9' ? '8' : (char)(text[^1] + 1));
        book.Set(Side.Bid, level.Price, Size.Parse(bumped));
        var otherValue = real.ComputeHash(hasher, book, BookHashFormat.V4, MinOrderSize, TickSize, lastTradePrice: GoLastTradePrice);
        book.Set(Side.Bid, level.Price, Size.Parse(text + (level.Size.Decimals == 0 ? ".0" : "0")));
        var trailingZero = real.ComputeHash(hasher, book, BookHashFormat.V4, MinOrderSize, TickSize, lastTradePrice: GoLastTradePrice);
        book.Set(Side.Bid, level.Price, level.Size);
        var restored = real.ComputeHash(hasher, book, BookHashFormat.V4, MinOrderSize, TickSize, lastTradePrice: GoLastTradePrice);

        Assert.NotEqual(real.Hash, trailingZero.ToString());
        Assert.NotEqual(real.Hash, otherValue.ToString());
        Assert.Equal(real.Hash, restored.ToString());
    }

    private static void AssertRecomputes(RealBook real, BookHashFormat format, string minOrderSize = "", string tickSize = "", string lastTradePrice = "")
    {
        var book = real.ToOrderBook();

        // The venue sends levels in wire order, so the domain's order must reproduce the JSON exactly.
        Assert.Equal(real.Bids.Select(l => l.ToString()), ToStrings(book.Bids.WireOrder));
        Assert.Equal(real.Asks.Select(l => l.ToString()), ToStrings(book.Asks.WireOrder));
        var hash = real.ComputeHash(new BookHasher(), book, format, minOrderSize, tickSize, lastTradePrice: lastTradePrice);
        Assert.Equal(real.Hash, hash.ToString());
        Assert.Equal(BookHash.ParseHex(real.Hash), hash);
    }

    private static List<RealBook> HashChainBooks() =>
        [.. HashChainObjects().Where(o => o.Contains("\"bids\"", StringComparison.Ordinal)).Select(RealBook.FromJson)];

    private static List<(long Timestamp, JsonElement[] Entries)> HashChainPriceChanges() =>
        [.. HashChainObjects().Where(o => o.Contains("\"price_changes\"", StringComparison.Ordinal)).Select(ReadPriceChange)];

    private static (long Timestamp, JsonElement[] Entries) ReadPriceChange(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.Clone();
        return (root.GetProperty("timestamp").GetInt64(), [.. root.GetProperty("price_changes").EnumerateArray()]);
    }

    // The file interleaves heading lines with one JSON object a line.
    private static IEnumerable<string> HashChainObjects() =>
        RealData.ReadAllText(HashChainFile).Split('\n').Where(line => line.StartsWith('{'));

    private static List<RealBook> GoExcerptBooks()
    {
        var lines = RealData.ReadAllText(GoExcerptFile).Split('\n');
        using var initial = JsonDocument.Parse(lines[0]);
        var books = initial.RootElement.EnumerateArray().Select(RealBook.FromJson).ToList();
        Assert.Equal(2, books.Count);
        books.Add(RealBook.FromJson(lines[2]));
        return books;
    }

    private static BookLevel[] Mirror(BookLevel[] levels) =>
        [.. levels.Select(l => new BookLevel(l.Price.Complement(), l.Size))];

    private static List<string> ToStrings(ReadOnlySpan<BookLevel> levels)
    {
        var strings = new List<string>(levels.Length);
        foreach (var level in levels)
        {
            strings.Add(level.ToString());
        }

        return strings;
    }
}
