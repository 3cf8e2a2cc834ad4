namespace Polytape.Polymarket.Gamma;

/// <summary>
/// Parses Gamma bodies with the source-generated <see cref="PolymarketJsonContext"/>. Every method throws
/// <see cref="PolymarketFormatException"/> naming the model when the body does not fit it.
/// </summary>
public static class PolymarketGammaJson
{
    private static PolymarketJsonContext Context => PolymarketJsonContext.Default;

    /// <summary><c>GET /markets/{id}</c>, <c>GET /markets/slug/{slug}</c>.</summary>
    public static PolymarketGammaMarket ParseMarket(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketGammaMarket, nameof(PolymarketGammaMarket));

    /// <summary><c>GET /markets</c> (a JSON array).</summary>
    public static IReadOnlyList<PolymarketGammaMarket> ParseMarkets(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaMarket, $"list of {nameof(PolymarketGammaMarket)}");

    /// <summary><c>GET /markets/keyset</c>.</summary>
    public static PolymarketGammaMarketsKeysetPage ParseMarketsKeysetPage(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.PolymarketGammaMarketsKeysetPage, nameof(PolymarketGammaMarketsKeysetPage));

    /// <summary><c>GET /events/{id}</c>, <c>GET /events/slug/{slug}</c>.</summary>
    public static PolymarketGammaEvent ParseEvent(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketGammaEvent, nameof(PolymarketGammaEvent));

    /// <summary><c>GET /events</c> (a JSON array), including <c>/events?slug=</c> lookups.</summary>
    public static IReadOnlyList<PolymarketGammaEvent> ParseEvents(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaEvent, $"list of {nameof(PolymarketGammaEvent)}");

    /// <summary><c>GET /events/keyset</c>.</summary>
    public static PolymarketGammaEventsKeysetPage ParseEventsKeysetPage(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.PolymarketGammaEventsKeysetPage, nameof(PolymarketGammaEventsKeysetPage));

    /// <summary><c>GET /series/{id}</c>.</summary>
    public static PolymarketGammaSeries ParseSeries(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketGammaSeries, nameof(PolymarketGammaSeries));

    /// <summary><c>GET /series</c> (a JSON array).</summary>
    public static IReadOnlyList<PolymarketGammaSeries> ParseSeriesList(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaSeries, $"list of {nameof(PolymarketGammaSeries)}");

    /// <summary><c>GET /tags/{id}</c>, <c>GET /tags/slug/{slug}</c>.</summary>
    public static PolymarketGammaTag ParseTag(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(utf8Json, Context.PolymarketGammaTag, nameof(PolymarketGammaTag));

    /// <summary><c>GET /tags</c> (a JSON array).</summary>
    public static IReadOnlyList<PolymarketGammaTag> ParseTags(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaTag, $"list of {nameof(PolymarketGammaTag)}");

    /// <summary><c>GET /markets</c> (a JSON array) with only the fields discovery reads (<see cref="PolymarketGammaListedMarket"/>).</summary>
    public static IReadOnlyList<PolymarketGammaListedMarket> ParseListedMarkets(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaListedMarket, $"list of {nameof(PolymarketGammaListedMarket)}");

    /// <summary><c>GET /markets/keyset</c> with only the fields discovery reads.</summary>
    public static PolymarketGammaListedMarketsPage ParseListedMarketsPage(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.PolymarketGammaListedMarketsPage, nameof(PolymarketGammaListedMarketsPage));

    /// <summary><c>GET /events</c> (a JSON array) read for the events' markets only.</summary>
    public static IReadOnlyList<PolymarketGammaListedEvent> ParseListedEvents(ReadOnlySpan<byte> utf8Json) =>
        PolymarketJsonContext.Parse(
            utf8Json, Context.IReadOnlyListPolymarketGammaListedEvent, $"list of {nameof(PolymarketGammaListedEvent)}");
}
