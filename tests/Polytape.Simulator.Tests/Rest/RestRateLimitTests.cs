using System.Net;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Rest;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>Over the limit a request is first delayed (queued) until the window slides, and only past the queue refused.</summary>
public sealed class RestRateLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Books_OverTheLimit_DelaysThenRefuses_AndTheWindowReleasesTheDelayed()
    {
        // A manual clock: the window slides only when the test says so.
        var clock = new ManualTimeProvider();
        await using var sim = await TestVenue.StartAsync(clock);
        using var client = TestVenue.Clob(sim);
        var body = PolymarketRestJson.SerializeBooksRequest([ClobBookEndpointTests.StableTokens(sim)[0].Id]);
        var limit = RestRateLimits.PermitLimit(RestEndpointGroup.ClobBooks);
        var queue = RestRateLimits.QueueLimit(RestEndpointGroup.ClobBooks);
        const int refusedExpected = 5;

        var within = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, limit), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            if ((await client.PostJsonAsync("books", body)).Status == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref within);
            }
        });
        Assert.Equal(limit, within);

        var burst = Enumerable.Range(0, queue + refusedExpected).Select(_ => client.PostJsonAsync("books", body)).ToList();
        var done = new List<Task<(HttpStatusCode Status, byte[] Body)>>();
        while (done.Count < refusedExpected)
        {
            var next = await Task.WhenAny(burst.Except(done)).WaitAsync(Patience);
            done.Add(next);
        }

        // Refusals come only from a full queue, so the rest are all being delayed.
        foreach (var refused in done)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await refused).Status);
        }

        Assert.All(burst.Except(done), t => Assert.False(t.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(10));
        var delayed = await Task.WhenAll(burst.Except(done)).WaitAsync(Patience);
        Assert.Equal(queue, delayed.Length);
        Assert.All(delayed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    [Fact]
    public async Task Window_SlidesWithTheClock_DelayedRequestsPassAfterTenSeconds()
    {
        var clock = new ManualTimeProvider();
        using var limits = new RestRateLimits(clock);
        var limit = RestRateLimits.PermitLimit(RestEndpointGroup.Health);
        for (var i = 0; i < limit; i++)
        {
            Assert.True(await limits.TryAcquireAsync(RestEndpointGroup.Health));
        }

        var delayed = Enumerable.Range(0, RestRateLimits.QueueLimit(RestEndpointGroup.Health)).Select(_ => limits.TryAcquireAsync(RestEndpointGroup.Health).AsTask()).ToList();
        Assert.False(await limits.TryAcquireAsync(RestEndpointGroup.Health));

        // Nine seconds on, the burst is still inside the window.
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.All(delayed, t => Assert.False(t.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.All(await Task.WhenAll(delayed).WaitAsync(Patience), Assert.True);
    }

    [Fact]
    public async Task Limits_Off_NothingIsDelayedOrRefused()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await TestVenue.StartAsync(clock);
        using var client = TestVenue.Clob(sim);
        sim.Faults.EnforceRateLimits = false;
        var requests = RestRateLimits.PermitLimit(RestEndpointGroup.Health) + RestRateLimits.QueueLimit(RestEndpointGroup.Health) + 5;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < requests; i++)
        {
            statuses.Add((await client.FetchAsync("ok")).Status);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
