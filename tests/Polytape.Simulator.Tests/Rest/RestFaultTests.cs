using System.Net;
using Polytape.Domain.Hashing;
using Polytape.Polymarket.Rest;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>The REST faults a collector must survive: server errors, ghost books, the CDN's User-Agent block.</summary>
public sealed class RestFaultTests
{
    [Fact]
    public async Task ServerErrors_BookEndpointsAnswer500_OthersAnswer503()
    {
        await using var sim = await TestVenue.StartAsync();
        using var clob = TestVenue.Clob(sim);
        using var gamma = TestVenue.Gamma(sim);
        var token = ClobBookEndpointTests.StableTokens(sim)[0].Id;
        sim.Faults.RestServerErrorProbability = 1;

        var (book, bookBody) = await clob.FetchAsync($"book?token_id={token}");
        Assert.Equal(HttpStatusCode.InternalServerError, book);
        Assert.Equal("error getting the orderbook", PolymarketRestJson.ParseError(bookBody).Error);
        var (books, _) = await clob.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest([token]));
        Assert.Equal(HttpStatusCode.InternalServerError, books);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await clob.FetchAsync($"midpoint?token_id={token}")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gamma.FetchAsync("markets")).Status);

        sim.Faults.RestServerErrorProbability = 0;
        Assert.Equal(HttpStatusCode.OK, (await clob.FetchAsync($"book?token_id={token}")).Status);
    }

    [Fact]
    public async Task GhostBook_StaysAtTheCapturedHash_WhileTheEngineMovesOn()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var token = ClobBookEndpointTests.StableTokens(sim)[0];
        sim.Faults.GhostRestBook = true;
        var captured = PolymarketRestJson.ParseOrderBook((await client.FetchAsync($"book?token_id={token.Id}")).Body);

        BookHash live;
        lock (sim.Engine.Gate)
        {
            Assert.Equal(token.Hash, BookHash.ParseHex(captured.Hash));
            for (var i = 0; i < 100_000 && token.Hash == BookHash.ParseHex(captured.Hash); i++)
            {
                sim.Engine.Step(1);
            }

            live = token.Hash;
        }

        Assert.NotEqual(BookHash.ParseHex(captured.Hash), live);
        var ghost = PolymarketRestJson.ParseOrderBook((await client.FetchAsync($"book?token_id={token.Id}")).Body);
        Assert.Equal(captured.Hash, ghost.Hash);
        var ghostBatch = PolymarketRestJson.ParseOrderBooks((await client.PostJsonAsync("books", PolymarketRestJson.SerializeBooksRequest([token.Id]))).Body);
        Assert.Equal(captured.Hash, Assert.Single(ghostBatch).Hash);

        sim.Faults.GhostRestBook = false;
        var healed = PolymarketRestJson.ParseOrderBook((await client.FetchAsync($"book?token_id={token.Id}")).Body);
        Assert.Equal(live, BookHash.ParseHex(healed.Hash));
        Assert.Equal(live, ClobBookEndpointTests.Recompute(healed));
    }

    [Theory]
    [InlineData("book?token_id=1")]
    [InlineData("gamma/markets")]
    public async Task PythonUrllibUserAgent_IsForbidden(string path)
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Python-urllib/3.12");
        var (status, body) = await client.FetchAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("1010", TestVenue.Text(body), StringComparison.Ordinal);
    }
}
