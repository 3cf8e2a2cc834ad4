using System.Globalization;
using System.Text;
using System.Text.Json;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Hashing;

/// <summary>
/// A book read from a real capture with System.Text.Json (kept apart from the production parser so
/// these tests check the domain alone): ids and levels as the venue wrote them, plus its published hash.
/// </summary>
internal sealed class RealBook
{
    private RealBook(string market, string assetId, long timestampMs, string hash, BookLevel[] bids, BookLevel[] asks)
    {
        Market = market;
        AssetId = assetId;
        TimestampMs = timestampMs;
        Hash = hash;
        Bids = bids;
        Asks = asks;
    }

    public string Market { get; }

    public string AssetId { get; }

    /// <summary>Milliseconds, or -1 when absent or "".</summary>
    public long TimestampMs { get; }

    public string Hash { get; }

    /// <summary>Levels in the order of the JSON array.</summary>
    public BookLevel[] Bids { get; }

    public BookLevel[] Asks { get; }

    public static RealBook FromJson(JsonElement book) => new(
        book.GetProperty("market").GetString()!,
        book.GetProperty("asset_id").GetString()!,
        ReadTimestamp(book),
        book.GetProperty("hash").GetString()!,
        ReadLevels(book.GetProperty("bids")),
        ReadLevels(book.GetProperty("asks")));

    public static RealBook FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Builds the domain book; levels go in through Replace, so their JSON order does not matter.</summary>
    public OrderBook ToOrderBook()
    {
        var book = new OrderBook(Domain.Identifiers.AssetId.Parse(AssetId));
        book.Replace(Bids, Asks);
        return book;
    }

    /// <summary>Hashes <paramref name="book"/> with this message's ids and timestamp and the given market metadata.</summary>
    public BookHash ComputeHash(
        BookHasher hasher,
        OrderBook book,
        BookHashFormat format,
        string minOrderSize = "",
        string tickSize = "",
        bool negRisk = false,
        string lastTradePrice = "",
        long? timestampMs = null)
    {
        var input = new BookHashInput(
            format,
            Encoding.UTF8.GetBytes(Market),
            Encoding.UTF8.GetBytes(AssetId),
            timestampMs ?? TimestampMs,
            Size.Parse(minOrderSize),
            Price.Parse(tickSize),
            negRisk,
            Price.Parse(lastTradePrice));
        return hasher.Compute(input, book);
    }

    private static long ReadTimestamp(JsonElement book)
    {
        if (!book.TryGetProperty("timestamp", out var timestamp))
        {
            return -1;
        }

        // The polypy hash-chain capture re-serialised timestamps as numbers; the wire sends strings.
        if (timestamp.ValueKind == JsonValueKind.Number)
        {
            return timestamp.GetInt64();
        }

        var text = timestamp.GetString()!;
        return text.Length == 0 ? -1 : long.Parse(text, CultureInfo.InvariantCulture);
    }

    private static BookLevel[] ReadLevels(JsonElement levels) =>
        [.. levels.EnumerateArray().Select(level => new BookLevel(
            Price.Parse(level.GetProperty("price").GetString()!),
            Size.Parse(level.GetProperty("size").GetString()!)))];
}
