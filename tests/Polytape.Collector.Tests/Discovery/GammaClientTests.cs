using System.Net;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Discovery;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>The Gamma client against the simulator's Gamma over real HTTP on loopback.</summary>
public sealed class GammaClientTests : IAsyncLifetime
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(7);
    private PolymarketSimulator _simulator = null!;
    private static readonly HttpClient Http = new();

    public async Task InitializeAsync()
    {
        _simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 4, BinaryMarkets = 23, NegRiskEvents = 1, RollingCoins = ["btc"], Recurrences = [RollingRecurrence.FiveMinutes] },
        });
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task GetOpenMarketPagesAsync_SmallPages_WalksEveryKeysetPageAndArchivesEachBody()
    {
        var archive = new RecordingArchiveAppender();
        using var gamma = new GammaClient(Http, Options() with { PageSize = 4 }, archive: archive);

        var markets = new List<PolymarketGammaListedMarket>();
        var pageSizes = new List<int>();
        await foreach (var page in gamma.GetOpenMarketPagesAsync(string.Empty))
        {
            // Lazily: a page is fetched only when asked for, so the walk has made exactly one request per page seen.
            pageSizes.Add(page.Count);
            Assert.Equal(pageSizes.Count, gamma.Statistics.Requests);
            markets.AddRange(page);
        }

        string[] expected;
        lock (_simulator.Engine.Gate)
        {
            expected = _simulator.Engine.Universe.Markets.Where(m => m.Status < MarketStatus.Ended).Select(m => m.ConditionId).Order().ToArray();
        }

        Assert.Equal(expected, markets.Select(m => m.ConditionId!).Order());
        var pages = (expected.Length + 3) / 4;
        Assert.Equal(pages, gamma.Statistics.Requests);
        Assert.All(pageSizes[..^1], size => Assert.Equal(4, size));
        Assert.Equal(0, gamma.Statistics.Failures);
        Assert.True(gamma.Statistics.TotalLatency > TimeSpan.Zero);

        var records = archive.Records;
        Assert.Equal(pages, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(ArchiveRecordKind.Rest, r.Kind);
            Assert.Equal("gamma", r.EventType);
            Assert.StartsWith(_simulator.GammaUri + "markets/keyset?closed=false&limit=4", r.Context, StringComparison.Ordinal);
        });
        Assert.Contains("after_cursor=", records[^1].Context, StringComparison.Ordinal);
        // The payloads are the bodies as served: together they hold every market once.
        var archived = records.SelectMany(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("markets").EnumerateArray())
            .Select(m => m.GetProperty("conditionId").GetString()!).Order();
        Assert.Equal(expected, archived);
    }

    [Fact]
    public async Task GetAsync_ServerErrors_AreRetriedUntilAnAnswer()
    {
        _simulator.Faults.RestServerErrorProbability = 0.5;
        var time = new ShortcutTimeProvider(RequestTimeout);
        using var gamma = new GammaClient(Http, Options() with { RetryMaxAttempts = 40 }, time);

        for (var i = 0; i < 12; i++)
        {
            Assert.NotNull(await gamma.GetTagBySlugAsync("politics"));
        }

        // Twelve requests each fail with chance 1/2: at least one retry is all but certain (1 - 2^-12).
        Assert.True(gamma.Statistics.ServerErrors > 0);
        Assert.Equal(gamma.Statistics.ServerErrors, gamma.Statistics.Retries);
        Assert.Equal(12 + gamma.Statistics.Retries, gamma.Statistics.Requests);
        Assert.InRange(time.Delays.Count, 0, gamma.Statistics.Retries); // a jittered 1 ms backoff may round to no wait at all
        Assert.All(time.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task GetAsync_TooManyRequestsWithRetryAfter_WaitsWhatTheServerSaysThenSucceeds()
    {
        using var handler = new ThrottlingHandler(failures: 2, retryAfter: TimeSpan.FromSeconds(3)) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler);
        var time = new ShortcutTimeProvider(RequestTimeout);
        var archive = new RecordingArchiveAppender();
        using var gamma = new GammaClient(http, Options(), time, archive);

        var tag = await gamma.GetTagBySlugAsync("politics");

        Assert.Equal("politics", tag?.Slug);
        Assert.Equal(3, gamma.Statistics.Requests);
        Assert.Equal(2, gamma.Statistics.TooManyRequests);
        Assert.Equal(2, gamma.Statistics.Retries);
        Assert.Equal(2, gamma.Statistics.Failures);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], time.Delays);
        // Every body received is archived, the refusals too.
        Assert.Equal(3, archive.Records.Count);
    }

    [Fact]
    public async Task GetAsync_RetriesExhausted_ThrowsWithTheStatusAndUrl()
    {
        using var handler = new ThrottlingHandler(failures: 100, retryAfter: null) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler);
        using var gamma = new GammaClient(http, Options() with { RetryMaxAttempts = 3 }, new ShortcutTimeProvider(RequestTimeout));

        var error = await Assert.ThrowsAsync<GammaRequestException>(() => gamma.GetAsync("tags/slug/politics"));

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("tags/slug/politics", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, gamma.Statistics.Requests);
    }

    [Fact]
    public async Task GetAsync_OverTheClientLimit_WaitsForTheWindowToSlide()
    {
        var time = new ManualTimeProvider();
        using var gamma = new GammaClient(Http, Options() with { RequestsPerWindow = 2, RateLimitWindow = TimeSpan.FromSeconds(10) }, time);
        await gamma.GetAsync("tags/slug/politics");
        await gamma.GetAsync("tags/slug/politics");

        var third = gamma.GetAsync("tags/slug/politics");

        Assert.False(third.IsCompleted); // held by the limiter, not sent
        Assert.Equal(1, gamma.RequestsWaitingForRateLimit);
        Assert.Equal(2, gamma.Statistics.Requests);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await third.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, gamma.Statistics.Requests);
    }

    [Fact]
    public async Task GetAsync_NotFound_IsNullAndUnprocessableIsNotRetried()
    {
        using var gamma = new GammaClient(Http, Options());

        Assert.Null(await gamma.GetAsync("markets/slug/no-such-market"));
        var error = await Assert.ThrowsAsync<GammaRequestException>(() => gamma.GetAsync("markets?offset=5000"));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal(2, gamma.Statistics.Requests);
        Assert.Equal(0, gamma.Statistics.Retries);
    }

    private DiscoveryOptions Options() => new()
    {
        GammaUri = _simulator.GammaUri,
        AllActive = true,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RequestTimeout = RequestTimeout,
    };

    /// <summary>Answers the first requests with 429 (and Retry-After), then passes requests to the simulator.</summary>
    private sealed class ThrottlingHandler(int failures, TimeSpan? retryAfter) : DelegatingHandler
    {
        private int _left = failures;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _left) < 0)
            {
                return base.SendAsync(request, cancellationToken);
            }

            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("error code: 1015") };
            if (retryAfter is { } after)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
            }

            return Task.FromResult(response);
        }
    }
}
