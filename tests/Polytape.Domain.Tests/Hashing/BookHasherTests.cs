using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Hashing;

public sealed class BookHasherTests
{
    // Protocol §4.3 vector 1 (py-clob-client's unit-test book), serialised exactly as the venue would.
    private const string Vector1Json =
        """{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","hash":"","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[{"price":"0.6","size":"100"},{"price":"0.7","size":"100"}],"min_order_size":"100","tick_size":"0.01","neg_risk":false,"last_trade_price":"0.5"}""";

    private static readonly BookLevel[] Vector1Bids = [Level("0.3", "100"), Level("0.4", "100")];

    // As in the vector: ascending, which is not the venue's ask order; the hasher hashes what it is given.
    private static readonly BookLevel[] Vector1Asks = [Level("0.6", "100"), Level("0.7", "100")];

    [Fact]
    public void SerializeToString_Vector1_IsExactlyTheProtocolString()
    {
        var hasher = new BookHasher();

        Assert.Equal(Vector1Json, hasher.SerializeToString(Vector1Input(), Vector1Bids, Vector1Asks));
    }

    [Fact]
    public void Compute_Vector1_GivesPublishedHash()
    {
        var hash = new BookHasher().Compute(Vector1Input(), Vector1Bids, Vector1Asks);

        Assert.Equal("0458ea5755c9f73d64a14636fa5c36ed460ec394", hash.ToString());
        Assert.Equal(Sha1Hex(Vector1Json), hash.ToString());
    }

    [Fact]
    public void Compute_Vector2_EmptyBookEmptyTimestamp_GivesPublishedHash()
    {
        var input = Input(BookHashFormat.V4, timestampMs: -1);

        var hasher = new BookHasher();
        var hash = hasher.Compute(input, [], []);

        Assert.Equal("74c6a7c81c1d572f1c877b7d3e25b80c336d8a6e", hash.ToString());
        Assert.Contains("\"timestamp\":\"\",\"hash\":\"\",\"bids\":[],\"asks\":[]", hasher.SerializeToString(input, [], []), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OrderBook_HashesBidsAscendingAsksDescending()
    {
        var book = new OrderBook(AssetId.Parse("100"));
        book.Replace(Vector1Bids, Vector1Asks);
        var hasher = new BookHasher();

        var serialized = hasher.SerializeToString(Vector1Input(), book.Bids.WireOrder, book.Asks.WireOrder);

        Assert.Contains(
            "\"bids\":[{\"price\":\"0.3\",\"size\":\"100\"},{\"price\":\"0.4\",\"size\":\"100\"}],\"asks\":[{\"price\":\"0.7\",\"size\":\"100\"},{\"price\":\"0.6\",\"size\":\"100\"}]",
            serialized,
            StringComparison.Ordinal);
        Assert.Equal(Sha1Hex(serialized), hasher.Compute(Vector1Input(), book).ToString());
    }

    [Fact]
    public void SerializeToString_V1_HasNoTimestampNorMetadata() =>
        Assert.Equal(
            """{"market":"0xaabbcc","asset_id":"100","hash":"","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[]}""",
            new BookHasher().SerializeToString(Input(BookHashFormat.V1), Vector1Bids, []));

    [Fact]
    public void SerializeToString_V2_AddsTimestampOnly() =>
        Assert.Equal(
            """{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","hash":"","bids":[],"asks":[{"price":"0.6","size":"100"}]}""",
            new BookHasher().SerializeToString(Input(BookHashFormat.V2), [], [Level("0.6", "100")]));

    [Fact]
    public void SerializeToString_V3NegRisk_AddsMetadataWithJsonBoolean() =>
        Assert.Equal(
            """{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","hash":"","bids":[],"asks":[],"min_order_size":"5","tick_size":"0.001","neg_risk":true}""",
            new BookHasher().SerializeToString(Input(BookHashFormat.V3, minOrderSize: "5", tickSize: "0.001", negRisk: true), [], []));

    // The venue hashes the text it sent: "0.500" and "0.5" are the same price but not the same hash.
    [Fact]
    public void Compute_LastTradePriceWrittenWithThreeDecimals_HashesThatText()
    {
        var hasher = new BookHasher();
        var written = Input(BookHashFormat.V4, lastTradePrice: "0.500");

        Assert.EndsWith("\"last_trade_price\":\"0.500\"}", hasher.SerializeToString(written, Vector1Bids, Vector1Asks), StringComparison.Ordinal);
        Assert.NotEqual(hasher.Compute(Vector1Input(), Vector1Bids, Vector1Asks), hasher.Compute(written, Vector1Bids, Vector1Asks));
    }

    [Theory]
    [InlineData("101")]
    [InlineData("100.0")]
    [InlineData("10")]
    public void Compute_OneLevelSizeTextChanged_ChangesHash(string size)
    {
        var hasher = new BookHasher();
        BookLevel[] changed = [Vector1Bids[0], Level("0.4", size)];

        Assert.NotEqual(
            hasher.Compute(Vector1Input(), Vector1Bids, Vector1Asks),
            hasher.Compute(Vector1Input(), changed, Vector1Asks));
    }

    [Fact]
    public void Compute_EmptyMetadata_WritesEmptyStrings() =>
        Assert.EndsWith(
            "\"min_order_size\":\"\",\"tick_size\":\"\",\"neg_risk\":false,\"last_trade_price\":\"\"}",
            new BookHasher().SerializeToString(Input(BookHashFormat.V4, minOrderSize: "", tickSize: "", lastTradePrice: ""), [], []),
            StringComparison.Ordinal);

    // Random books of every format and size, hashed by one reused hasher (its buffer grows and shrinks
    // in use), against an independent serialisation with Utf8JsonWriter.
    [Theory]
    [InlineData(3)]
    [InlineData(31)]
    [InlineData(314)]
    public void Compute_RandomBooks_MatchesIndependentSerialisation(int seed)
    {
        var random = new Random(seed);
        var hasher = new BookHasher();
        for (var step = 0; step < 200; step++)
        {
            var format = (BookHashFormat)random.Next(1, 5);
            var market = "0x" + Convert.ToHexStringLower(RandomBytes(random, 32));
            var assetId = RandomDigits(random);
            var timestamp = random.Next(5) == 0 ? -1 : random.NextInt64(0, long.MaxValue);
            var minOrderSize = random.Next(4) == 0 ? Size.Empty : Size.FromUnits(random.NextInt64(0, 100_000_000));
            var tickSize = random.Next(4) == 0 ? Price.Empty : Price.FromUnits(random.Next(1, 101));
            var negRisk = random.Next(2) == 0;
            var lastTradePrice = random.Next(4) == 0 ? Price.Empty : Price.FromUnits(random.Next(0, 10_001), (byte)random.Next(0, 5));
            var bids = RandomLevels(random, random.Next(0, 4) == 0 ? 300 : 20);
            var asks = RandomLevels(random, random.Next(0, 4) == 0 ? 300 : 20);
            var input = new BookHashInput(
                format, Encoding.UTF8.GetBytes(market), Encoding.UTF8.GetBytes(assetId), timestamp,
                minOrderSize, tickSize, negRisk, lastTradePrice);

            var expected = Reference(format, market, assetId, timestamp, bids, asks, minOrderSize, tickSize, negRisk, lastTradePrice);

            Assert.True(
                expected == hasher.SerializeToString(input, bids, asks),
                $"seed {seed}, step {step}: serialisation differs for {format} with {bids.Length}/{asks.Length} levels");
            Assert.True(
                Sha1Hex(expected) == hasher.Compute(input, bids, asks).ToString(),
                $"seed {seed}, step {step}: hash differs");
        }
    }

    private static string Reference(
        BookHashFormat format, string market, string assetId, long timestamp, BookLevel[] bids, BookLevel[] asks,
        Size minOrderSize, Price tickSize, bool negRisk, Price lastTradePrice)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("market", market);
            json.WriteString("asset_id", assetId);
            if (format >= BookHashFormat.V2)
            {
                json.WriteString("timestamp", timestamp < 0 ? "" : timestamp.ToString(CultureInfo.InvariantCulture));
            }

            json.WriteString("hash", "");
            WriteLevels(json, "bids", bids);
            WriteLevels(json, "asks", asks);
            if (format >= BookHashFormat.V3)
            {
                json.WriteString("min_order_size", minOrderSize.ToString());
                json.WriteString("tick_size", tickSize.ToString());
                json.WriteBoolean("neg_risk", negRisk);
            }

            if (format >= BookHashFormat.V4)
            {
                json.WriteString("last_trade_price", lastTradePrice.ToString());
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, BookLevel[] levels)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartObject();
            json.WriteString("price", level.Price.ToString());
            json.WriteString("size", level.Size.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static BookLevel[] RandomLevels(Random random, int max)
    {
        var levels = new BookLevel[random.Next(0, max + 1)];
        for (var i = 0; i < levels.Length; i++)
        {
            // Up to 5 integer digits and 4 decimals for prices, 12 and 6 for sizes: the longest texts.
            var price = Price.FromUnits(random.Next(0, 1_000_000_000), (byte)random.Next(0, Price.Scale + 1));
            var size = random.Next(10) == 0
                ? Size.FromUnitsExact(random.NextInt64(0, 999_999_999_999_999_999), Size.Scale)
                : Size.FromUnits(random.NextInt64(0, 100_000_000_000));
            levels[i] = new BookLevel(price, size);
        }

        return levels;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomDigits(Random random)
    {
        var digits = new char[random.Next(1, 79)];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    private static BookHashInput Vector1Input() => Input(BookHashFormat.V4);

    private static BookHashInput Input(
        BookHashFormat format,
        long timestampMs = 123456789,
        string minOrderSize = "100",
        string tickSize = "0.01",
        bool negRisk = false,
        string lastTradePrice = "0.5") =>
        new(format, "0xaabbcc"u8, "100"u8, timestampMs, Size.Parse(minOrderSize), Price.Parse(tickSize), negRisk, Price.Parse(lastTradePrice));

    private static BookLevel Level(string price, string size) => new(Price.Parse(price), Size.Parse(size));

    private static string Sha1Hex(string text)
    {
#pragma warning disable CA5350 // The venue's hash is SHA-1; this recomputes it independently.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
    }
}
