using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Polly;
using Polytape.Archive;
using Polytape.Polymarket;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>
/// Gamma over HTTP: a client-side sliding-window rate limiter at the documented limit, retries with capped,
/// jittered exponential backoff on 429, 5xx, timeouts and transport errors (Retry-After honoured), keyset paging
/// to the end, and every response body appended to the archive as received (kind Rest, event type "gamma",
/// context the URL). Lookups by many ids are batched (<see cref="MaxIdsPerRequest"/>). Lists come back a page at a
/// time, parsed into <see cref="PolymarketGammaListedMarket"/> (the fields discovery reads; the archived body is
/// the raw one).
/// </summary>
public sealed partial class GammaClient : IDisposable
{
    /// <summary>Ids per lookup request: well under the ≤100 Gamma accepts, and short enough for a URL a CDN takes.</summary>
    public const int MaxIdsPerRequest = 50;

    /// <summary>The event-type label of archived Gamma bodies.</summary>
    public const string ArchiveEventType = "gamma";

    private readonly HttpClient _http;
    private readonly DiscoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly IArchiveAppender? _archive;
    private readonly SlidingWindowLimiter _limiter;
    private readonly ResiliencePipeline<GammaResponse> _pipeline;

    /// <param name="httpClient">Owned by the caller; its base address is ignored (URLs come from <see cref="DiscoveryOptions.GammaUri"/>).</param>
    /// <param name="options">Only the client settings are used and checked (<see cref="DiscoveryOptions.ValidateClient"/>); no selection is needed.</param>
    /// <param name="archive">Where response bodies go; null records nothing.</param>
    public GammaClient(HttpClient httpClient, DiscoveryOptions options, TimeProvider? timeProvider = null, IArchiveAppender? archive = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        DiscoveryOptions.ThrowIfAny(options.ValidateClient());
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _archive = archive;

        _limiter = new SlidingWindowLimiter(options.RequestsPerWindow, options.RateLimitWindow, _time);
        _pipeline = BuildPipeline(options, _time, Statistics);
    }

    public GammaClientStatistics Statistics { get; } = new();

    /// <summary>Requests held by the client-side rate limit right now.</summary>
    public int RequestsWaitingForRateLimit => _limiter.Waiting;

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> under the Gamma URI with rate limiting and retries; returns the body, or
    /// null on 404. Throws <see cref="GammaRequestException"/> when retries are exhausted or the answer is another error.
    /// </summary>
    public async Task<byte[]?> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(_options.GammaUri, pathAndQuery);
        GammaResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (state, ct) => state.Client.SendOnceAsync(state.Uri, ct),
                (Client: this, Uri: uri),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new GammaRequestException(uri, 0, $"Gamma request {uri} failed after {_options.RetryMaxAttempts} retries: {ex.Message}. Check the network and discovery.gamma_uri.", ex);
        }

        if (response.IsSuccess)
        {
            return response.Body;
        }

        if (response.StatusCode == 404)
        {
            return null;
        }

        var body = Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 300)));
        var what = response.IsTransient ? $"after {_options.RetryMaxAttempts} retries" : "(not retried: the request itself was refused)";
        throw new GammaRequestException(uri, response.StatusCode, $"Gamma answered {response.StatusCode} to {uri} {what}: {body}");
    }

    /// <summary>
    /// Walks <c>/markets/keyset</c> to the end with <paramref name="filter"/> (e.g. <c>tag_id=21</c>), open markets
    /// only, one page at a time: the next page is fetched only when the caller asks for it, so a caller that reduces
    /// each page before moving on holds one page at most, however large the universe.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<PolymarketGammaListedMarket>> GetOpenMarketPagesAsync(
        string filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        while (true)
        {
            var query = new StringBuilder("markets/keyset?closed=false&limit=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture));
            if (filter.Length > 0)
            {
                query.Append('&').Append(filter);
            }

            if (cursor is not null)
            {
                query.Append("&after_cursor=").Append(Uri.EscapeDataString(cursor));
            }

            var body = await GetAsync(query.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new GammaRequestException($"Gamma has no /markets/keyset under {_options.GammaUri}; check discovery.gamma_uri.");
            var page = Parse(body, PolymarketGammaJson.ParseListedMarketsPage);
            yield return page.Markets;
            if (page.IsLastPage || !seen.Add(page.NextCursor!))
            {
                yield break; // a repeated cursor would loop forever: stop with what we have
            }

            cursor = page.NextCursor;
        }
    }

    /// <summary>
    /// Markets whose <paramref name="key"/> (<c>slug</c>, <c>condition_ids</c>, <c>id</c>) is one of
    /// <paramref name="values"/>, open ones unless <paramref name="includeClosed"/>: one list per request of at most
    /// <see cref="MaxIdsPerRequest"/> values, fetched as the caller asks for it.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<PolymarketGammaListedMarket>> GetMarketPagesByAsync(
        string key, IEnumerable<string> values, bool includeClosed = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var batch in values.Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerRequest))
        {
            var query = new StringBuilder("markets?limit=").Append(DiscoveryOptions.MaxPageSize.ToString(CultureInfo.InvariantCulture));
            query.Append(includeClosed ? "&closed=true" : "&closed=false");
            AppendRepeated(query, key, batch);
            var body = await GetAsync(query.ToString(), cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                yield return Parse(body, PolymarketGammaJson.ParseListedMarkets);
            }
        }
    }

    /// <summary>All of <see cref="GetMarketPagesByAsync"/> in one list: for short lookups (a notice's one condition id).</summary>
    public async Task<List<PolymarketGammaListedMarket>> GetMarketsByAsync(string key, IEnumerable<string> values, bool includeClosed = false, CancellationToken cancellationToken = default)
    {
        var markets = new List<PolymarketGammaListedMarket>();
        await foreach (var page in GetMarketPagesByAsync(key, values, includeClosed, cancellationToken).ConfigureAwait(false))
        {
            markets.AddRange(page);
        }

        return markets;
    }

    /// <summary>A tag by slug, or null when Gamma does not know it.</summary>
    public async Task<PolymarketGammaTag?> GetTagBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        var body = await GetAsync("tags/slug/" + Uri.EscapeDataString(slug), cancellationToken).ConfigureAwait(false);
        return body is null ? null : Parse(body, PolymarketGammaJson.ParseTag);
    }

    /// <summary>A series by numeric id or slug, with its events in short form; null when unknown.</summary>
    public async Task<PolymarketGammaSeries?> GetSeriesAsync(string slugOrId, CancellationToken cancellationToken = default)
    {
        if (IsNumericId(slugOrId))
        {
            var one = await GetAsync("series/" + slugOrId, cancellationToken).ConfigureAwait(false);
            return one is null ? null : Parse(one, PolymarketGammaJson.ParseSeries);
        }

        var body = await GetAsync("series?slug=" + Uri.EscapeDataString(slugOrId), cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        var list = Parse(body, PolymarketGammaJson.ParseSeriesList);
        return list.Count > 0 ? list[0] : null;
    }

    /// <summary>The markets nested in open events with these ids, one list per request, fetched as the caller asks for it.</summary>
    public async IAsyncEnumerable<IReadOnlyList<PolymarketGammaListedMarket>> GetOpenEventMarketPagesAsync(
        IEnumerable<string> eventIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var batch in eventIds.Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerRequest))
        {
            var query = new StringBuilder("events?closed=false&limit=").Append(DiscoveryOptions.MaxPageSize.ToString(CultureInfo.InvariantCulture));
            AppendRepeated(query, "id", batch);
            var body = await GetAsync(query.ToString(), cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                yield return [.. Parse(body, PolymarketGammaJson.ParseListedEvents).SelectMany(e => e.Markets ?? [])];
            }
        }
    }

    public void Dispose()
    {
        _limiter.Dispose();
    }

    internal static bool IsNumericId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    private static void AppendRepeated(StringBuilder query, string key, IEnumerable<string> values)
    {
        // Array parameters are repeated keys (§6.2).
        foreach (var value in values)
        {
            query.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static T Parse<T>(byte[] body, ParseBody<T> parse)
    {
        try
        {
            return parse(body);
        }
        catch (PolymarketFormatException ex)
        {
            throw new GammaRequestException(ex.Message, ex);
        }
    }

    private delegate T ParseBody<out T>(ReadOnlySpan<byte> utf8Json);
}
