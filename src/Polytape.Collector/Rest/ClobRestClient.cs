using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polytape.Archive;
using Polytape.Collector.Observability;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;

namespace Polytape.Collector.Rest;

/// <summary>
/// The CLOB REST calls the collector makes: <c>POST /books</c> in batches of at most 500 ids and <c>GET /book</c>.
/// Each endpoint has a sliding-window limiter at the venue's documented rate, so the client waits rather than earns
/// 429s; a 429, 5xx, timeout or connection failure is retried with capped, jittered exponential backoff (Polly).
/// Every response body, error bodies included, is appended to the raw archive before it is parsed.
/// </summary>
public sealed class ClobRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IArchiveAppender _archive;
    private readonly TimeProvider _time;
    private readonly ClobRestOptions _options;
    private readonly PolytapeMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SlidingWindowRateLimiter _booksLimiter;
    private readonly SlidingWindowRateLimiter _bookLimiter;
    private readonly ResiliencePipeline<RestResponse> _retry;
    private long _requests;
    private long _failures;
    private long _retries;

    public ClobRestClient(HttpClient http, IArchiveAppender archive, TimeProvider time, ClobRestOptions? options = null, PolytapeMetrics? metrics = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new ClobRestOptions();
        _options.Validate();
        _http = http;
        _archive = archive;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        _booksLimiter = Limiter(_options.BooksRequestsPerWindow);
        _bookLimiter = Limiter(_options.BookRequestsPerWindow);
        _retry = new ResiliencePipelineBuilder<RestResponse> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = Math.Max(1, _options.MaxRetries),
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    _options.MaxRetries > 0 && (args.Outcome.Result is { } r ? IsTransient(r.Status) : args.Outcome.Exception is HttpRequestException or TimeoutException)),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    Log.RestRetry(_logger, args.AttemptNumber + 1, args.Outcome.Result?.Url ?? "?", (int?)args.Outcome.Result?.Status ?? 0, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>HTTP requests sent (each attempt counts).</summary>
    public long Requests => Volatile.Read(ref _requests);

    /// <summary>Calls that failed after their retries.</summary>
    public long Failures => Volatile.Read(ref _failures);

    public long Retries => Volatile.Read(ref _retries);

    /// <summary>
    /// The books of <paramref name="tokenIds"/>, fetched in batches of at most 500. Unknown or book-less tokens are
    /// missing from the result (the venue drops them silently); the order is the venue's, so key by asset id.
    /// </summary>
    public async Task<IReadOnlyList<PolymarketOrderBookSummary>> GetBooksAsync(IReadOnlyCollection<string> tokenIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var url = new Uri(_options.BaseUri, "books");
        var books = new List<PolymarketOrderBookSummary>(tokenIds.Count);
        foreach (var chunk in tokenIds.Chunk(_options.MaxIdsPerBooksRequest))
        {
            IReadOnlyList<PolymarketBooksRequestItem> items = [.. chunk.Select(id => new PolymarketBooksRequestItem { TokenId = id })];
            var body = JsonSerializer.SerializeToUtf8Bytes(items, PolymarketJsonContext.Default.IReadOnlyListPolymarketBooksRequestItem);
            var response = await SendAsync(HttpMethod.Post, url, body, _booksLimiter, "rest_books", cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response);
            books.AddRange(Parse(() => PolymarketRestJson.ParseOrderBooks(response.Body)));
        }

        return books;
    }

    /// <summary>One book; null when the venue has none for the token (404: unknown, not yet live, or settled).</summary>
    public async Task<PolymarketOrderBookSummary?> GetBookAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var url = new Uri(_options.BaseUri, "book?token_id=" + Uri.EscapeDataString(tokenId));
        var response = await SendAsync(HttpMethod.Get, url, body: null, _bookLimiter, "rest_book", cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response);
        return Parse(() => PolymarketRestJson.ParseOrderBook(response.Body));
    }

    public void Dispose()
    {
        _booksLimiter.Dispose();
        _bookLimiter.Dispose();
    }

    private async Task<RestResponse> SendAsync(HttpMethod method, Uri url, byte[]? body, RateLimiter limiter, string label, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    using (var lease = await limiter.AcquireAsync(1, token).ConfigureAwait(false))
                    {
                        if (!lease.IsAcquired)
                        {
                            throw new ClobRestException($"{method} {url}: the local rate limiter refused the request (queue full); lower the request rate.");
                        }
                    }

                    return await AttemptAsync(method, url, body, label, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            Interlocked.Increment(ref _failures);
            throw new ClobRestException($"{method} {url} failed after {_options.MaxRetries} retries: {ex.Message}", ex);
        }
        finally
        {
            _metrics?.RecordRestRequest(_time.GetElapsedTime(started));
        }
    }

    private async ValueTask<RestResponse> AttemptAsync(HttpMethod method, Uri url, byte[]? body, string label, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        byte[] payload;
        HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            payload = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {url} took longer than {_options.RequestTimeout}.");
        }

        var ok = (int)status is >= 200 and < 300;
        await _archive.AppendAsync(
            new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Rest,
                EventType = ok ? label : "rest_error",
                Context = ok ? url.ToString() : $"{url} status={(int)status}",
                Payload = payload,
            },
            cancellationToken).ConfigureAwait(false);
        return new RestResponse(status, payload, url.ToString());
    }

    private void EnsureSuccess(RestResponse response)
    {
        if ((int)response.Status is >= 200 and < 300)
        {
            return;
        }

        Interlocked.Increment(ref _failures);
        var detail = PolymarketRestJson.TryParseError(response.Body, out var error) && error?.Error is { } message
            ? message
            : System.Text.Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(200, response.Body.Length)));
        throw new ClobRestException($"{response.Url} answered {(int)response.Status}: {detail}", (int)response.Status);
    }

    private T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (PolymarketFormatException)
        {
            Interlocked.Increment(ref _failures);
            throw;
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private SlidingWindowRateLimiter Limiter(int permits) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = _options.RateWindow,
        SegmentsPerWindow = 10,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,

        // Waiting is the point: the venue delays and then rejects, so the client queues instead (bounded).
        QueueLimit = 100_000,
        AutoReplenishment = true,
    });

    private sealed record RestResponse(HttpStatusCode Status, byte[] Body, string Url);
}
