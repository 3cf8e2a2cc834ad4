using Polytape.Archive;
using Polytape.Collector.Rest;
using Polytape.Collector.Tests.Ingest;
using Polytape.Collector.Tests.Subscriptions;
using Polytape.Simulator.Hosting;

namespace Polytape.Collector.Tests.Rest;

/// <summary>The CLOB REST client against the simulator's REST API.</summary>
public sealed class ClobRestClientTests : IAsyncLifetime
{
    private PolymarketSimulator _simulator = null!;
    private string[] _tokens = [];

    public async Task InitializeAsync() => (_simulator, _tokens) = await PoolVenue.StartWithTokensAsync(seed: 5, markets: 300);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task GetBooks_SplitsIntoCallsOfAtMost500Ids_AndArchivesEachBody()
    {
        var archive = new RecordingAppender();
        using var http = new HttpClient();
        using var client = new ClobRestClient(http, archive, TimeProvider.System, Options());

        var books = await client.GetBooksAsync([.. _tokens, "123"]);

        Assert.Equal(_tokens.ToHashSet(), books.Select(b => b.AssetId).ToHashSet()); // the unknown id is dropped by the venue
        Assert.Equal(2, client.Requests);
        var bodies = archive.Records.Where(r => r.Kind == ArchiveRecordKind.Rest).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.Equal("rest_books", b.EventType));
        Assert.Equal(_simulator.ClobUri + "books", bodies[0].Context);
    }

    [Fact]
    public async Task GetBook_ReturnsTheBook_OrNullWhenTheVenueHasNone()
    {
        var archive = new RecordingAppender();
        using var http = new HttpClient();
        using var client = new ClobRestClient(http, archive, TimeProvider.System, Options());

        var book = await client.GetBookAsync(_tokens[7]);
        var missing = await client.GetBookAsync("123");

        Assert.Equal(_tokens[7], book!.AssetId);
        Assert.Null(missing);
        Assert.Equal(["rest_book", "rest_error"], archive.Records.Select(r => r.EventType));
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackoff_ThenReported()
    {
        _simulator.Faults.RestServerErrorProbability = 1;
        var archive = new RecordingAppender();
        using var http = new HttpClient();
        using var client = new ClobRestClient(http, archive, TimeProvider.System, Options() with { MaxRetries = 3 });

        var failure = await Assert.ThrowsAsync<ClobRestException>(() => client.GetBooksAsync(_tokens[..3]));

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(4, client.Requests);
        Assert.Equal(3, client.Retries);
        Assert.Equal(1, client.Failures);
        Assert.Equal(4, archive.Records.Count(r => r.EventType == "rest_error"));
    }

    [Fact]
    public async Task TransientServerErrors_AreRetriedUntilTheCallSucceeds()
    {
        _simulator.Faults.RestServerErrorProbability = 0.5;
        var archive = new RecordingAppender();
        using var http = new HttpClient();
        using var client = new ClobRestClient(http, archive, TimeProvider.System, Options() with { MaxRetries = 20 });

        for (var i = 0; i < 5; i++)
        {
            var books = await client.GetBooksAsync(_tokens[..2]);
            Assert.Equal(2, books.Count);
        }

        Assert.Equal(client.Requests - 5, client.Retries);
        Assert.Equal(0, client.Failures);
    }

    private ClobRestOptions Options() => new()
    {
        BaseUri = _simulator.ClobUri,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
    };
}
