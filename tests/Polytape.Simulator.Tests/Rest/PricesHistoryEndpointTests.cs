using System.Globalization;
using System.Net;
using System.Text.Json;
using Polytape.Polymarket.Rest;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>Price history is sampled once a simulated minute from the engine's books, in seconds, with the live quirks.</summary>
public sealed class PricesHistoryEndpointTests
{
    [Fact]
    public async Task PricesHistory_SamplesEachMinute_LastPointIsTheCurrentMid()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await TestVenue.StartAsync(clock);
        using var client = TestVenue.Clob(sim);
        var token = ClobBookEndpointTests.StableTokens(sim)[0];
        for (var minute = 0; minute < 3; minute++)
        {
            lock (sim.Engine.Gate)
            {
                sim.Engine.Step(200);
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (status, body) = await client.FetchAsync($"prices-history?market={token.Id}&interval=1h&fidelity=1");
        Assert.Equal(HttpStatusCode.OK, status);
        using (var document = JsonDocument.Parse(body))
        {
            Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("history")[0].GetProperty("p").ValueKind);
        }

        var history = PolymarketRestJson.ParsePricesHistory(body).History;
        Assert.True(history.Count >= 3, $"{history.Count} points");
        Assert.True(history.Zip(history.Skip(1)).All(pair => pair.First.Time < pair.Second.Time));
        Assert.InRange(history[^1].Time, clock.GetUtcNow().ToUnixTimeSeconds() - 60, clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.All(history, point => Assert.InRange(decimal.Parse(point.Price, CultureInfo.InvariantCulture), 0m, 1m));
        var mid = PolymarketRestJson.ParseMidpoint((await client.FetchAsync($"midpoint?token_id={token.Id}")).Body).Value!;
        Assert.Equal(decimal.Parse(mid, CultureInfo.InvariantCulture), decimal.Parse(history[^1].Price, CultureInfo.InvariantCulture));

        // Coarser fidelity keeps one point per bucket.
        var coarse = PolymarketRestJson.ParsePricesHistory((await client.FetchAsync($"prices-history?market={token.Id}&interval=1d&fidelity=60")).Body).History;
        Assert.InRange(coarse.Count, 1, 2);
    }

    [Theory]
    [InlineData("prices-history?market=1&interval=1m&fidelity=5", HttpStatusCode.BadRequest)]
    [InlineData("prices-history?market=1&interval=1w&fidelity=1", HttpStatusCode.BadRequest)]
    [InlineData("prices-history?market=1&endTs=1700000000", HttpStatusCode.BadRequest)]
    [InlineData("prices-history?market=1&interval=2y", HttpStatusCode.BadRequest)]
    [InlineData("prices-history?market=abc", HttpStatusCode.BadRequest)]
    [InlineData("prices-history?market=1&interval=1m&fidelity=10", HttpStatusCode.OK)]
    public async Task PricesHistory_Quirks(string path, HttpStatusCode expected)
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var (status, body) = await client.FetchAsync(path);
        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Empty(PolymarketRestJson.ParsePricesHistory(body).History);
        }
        else
        {
            Assert.NotEmpty(PolymarketRestJson.ParseError(body).Error);
        }
    }
}
