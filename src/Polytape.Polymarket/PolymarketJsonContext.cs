using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Polytape.Polymarket.Gamma;
using Polytape.Polymarket.Rest;

namespace Polytape.Polymarket;

/// <summary>
/// Source-generated JSON metadata for every Polymarket REST and Gamma wire type (no reflection: the projects are
/// AOT-compatible). Unknown properties are skipped, because the venue adds fields over time; the market types
/// keep them in their extension data. Nulls are not written, so a serialised model has the keys the venue sent
/// in its era (a 2024 book has no <c>min_order_size</c>), and declaration order is the venue's key order.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(PolymarketOrderBookSummary))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketOrderBookSummary>))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketBooksRequestItem>))]
[JsonSerializable(typeof(PolymarketClobMarket))]
[JsonSerializable(typeof(PolymarketClobMarketsPage))]
[JsonSerializable(typeof(PolymarketErrorResponse))]
[JsonSerializable(typeof(PolymarketMidpointResponse))]
[JsonSerializable(typeof(PolymarketSpreadResponse))]
[JsonSerializable(typeof(PolymarketPriceResponse))]
[JsonSerializable(typeof(PolymarketTickSizeResponse))]
[JsonSerializable(typeof(PolymarketNegRiskResponse))]
[JsonSerializable(typeof(PolymarketPricesHistory))]
[JsonSerializable(typeof(PolymarketGammaMarket))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaMarket>))]
[JsonSerializable(typeof(PolymarketGammaEvent))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaEvent>))]
[JsonSerializable(typeof(PolymarketGammaSeries))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaSeries>))]
[JsonSerializable(typeof(PolymarketGammaTag))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaTag>))]
[JsonSerializable(typeof(PolymarketGammaMarketsKeysetPage))]
[JsonSerializable(typeof(PolymarketGammaEventsKeysetPage))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaListedMarket>))]
[JsonSerializable(typeof(PolymarketGammaListedMarketsPage))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketGammaListedEvent>))]
public sealed partial class PolymarketJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Deserialises a whole UTF-8 body; any failure becomes a <see cref="PolymarketFormatException"/> naming
    /// <paramref name="modelName"/> and the JSON position.
    /// </summary>
    internal static T Parse<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo, string modelName)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, typeInfo);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(modelName, utf8Json.Length, ex);
        }

        return value ?? throw JsonNull(modelName);
    }

    private static PolymarketFormatException InvalidJson(string modelName, int length, JsonException ex)
    {
        // The serializer appends the position to its own messages, not to a converter's.
        var where = ex.Path is not null && !ex.Message.Contains("Path: ", StringComparison.Ordinal)
            ? $" Path: {ex.Path} | LineNumber: {ex.LineNumber} | BytePositionInLine: {ex.BytePositionInLine}."
            : string.Empty;
        return new(
            modelName,
            $"Could not parse a {length}-byte body as {modelName}: {ex.Message}{where} "
            + "Compare the captured body with the model: the venue may have changed a field's type or dropped it.",
            ex);
    }

    private static PolymarketFormatException JsonNull(string modelName) =>
        new(
            modelName,
            $"Could not parse the body as {modelName}: it is the JSON literal null, not an object or array.",
            null);
}
