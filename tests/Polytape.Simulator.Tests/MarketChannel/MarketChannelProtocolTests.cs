using System.Net;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Simulator.Tests.MarketChannel.MarketChannelTestKit;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>The client protocol of /ws/market (protocol §2.1–2.3, §2.6, §2.7).</summary>
public sealed class MarketChannelProtocolTests
{
    [Fact]
    public async Task OpeningFrame_AnswersOneArrayOfBooks_ForExactlyTheSubscribedActiveTokens()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var (a, b, resolved) = (markets[0], markets[1], markets[2]);
        lock (sim.Engine.Gate)
        {
            sim.Engine.ResolveNow(resolved);
        }

        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([a.Yes.Id, b.No.Id, resolved.Yes.Id, "123456789"]));

        var snapshot = await client.ReceiveTextAsync();
        Assert.StartsWith("[{", snapshot, StringComparison.Ordinal);
        var events = EventRecorder.Of([client.Received[0]]);
        Assert.All(events.Events, e => Assert.Equal(MarketEventType.Book, e.Type));
        Assert.Equal(new HashSet<string> { a.Yes.Id, b.No.Id }, events.Assets());
        Assert.Equal(2, events.Events.Count);
        lock (sim.Engine.Gate)
        {
            Assert.Equal(a.Yes.Hash, events.BookHashes[a.Yes.Id]);
            Assert.Equal(b.No.Hash, events.BookHashes[b.No.Id]);
        }

        Assert.Empty(await client.SyncAsync());
    }

    [Fact]
    public async Task OpeningFrame_UnknownIds_AnswersEmptyArray_AndStaysOpen()
    {
        await using var sim = await StartAsync();
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync(Opening(["1", "2"]));

        Assert.Equal("[]", await client.ReceiveTextAsync());
        Assert.Empty(await client.SyncAsync());
    }

    [Fact]
    public async Task OpeningFrame_InitialDumpFalse_SendsNoSnapshot()
    {
        await using var sim = await StartAsync();
        var a = StandingMarkets(sim)[0];
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync(Opening([a.Yes.Id], initialDump: false));

        Assert.Empty(await client.SyncAsync());
        Mutate(sim, 20, a);
        Assert.NotEmpty(await client.SyncAsync());
    }

    [Fact]
    public async Task SecondMarketFrame_AnswersInvalidOperation_AndKeepsTheFirstSubscription()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([markets[0].Yes.Id]));
        await client.ReceiveTextAsync();

        await client.SendAsync(Opening([markets[1].Yes.Id]));

        Assert.Equal("INVALID OPERATION", await client.ReceiveTextAsync());
        Mutate(sim, 20, markets[1]);
        Assert.Empty(await client.SyncAsync());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("hello")]
    [InlineData("[\"1\"]")]
    [InlineData("{\"type\":\"user\",\"assets_ids\":[]}")]
    [InlineData("{\"type\":\"market\"}")]
    [InlineData("{\"operation\":\"merge\",\"assets_ids\":[\"1\"]}")]
    [InlineData("{\"operation\":\"subscribe\",\"assets_ids\":[1]}")]
    [InlineData("{\"type\":\"market\",\"assets_ids\":[],\"initial_dump\":\"yes\"}")]
    public async Task MalformedFrame_AnswersInvalidOperation_AndStaysOpen(string frame)
    {
        await using var sim = await StartAsync();
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync(frame);

        Assert.Equal("INVALID OPERATION", await client.ReceiveTextAsync());
        Assert.Empty(await client.SyncAsync());
    }

    [Fact]
    public async Task Ping_AnswersPong_BeforeAnySubscription()
    {
        await using var sim = await StartAsync();
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync("PING");
        await client.SendAsync("PING");

        Assert.Equal("PONG", await client.ReceiveTextAsync());
        Assert.Equal("PONG", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Subscribe_AnswersBooksOfTheNewTokens_ThenNoNewAssets()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var (a, b) = (markets[0], markets[1]);
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([a.Yes.Id], type: "MARKET"));
        await client.ReceiveTextAsync();

        await client.SendAsync(Operation("subscribe", [a.Yes.Id, b.Yes.Id]));
        await client.ReceiveTextAsync();
        var added = EventRecorder.Of([client.Received[^1]]);
        await client.SendAsync(Operation("subscribe", [b.Yes.Id, a.Yes.Id]));

        Assert.Equal(new[] { new RecordedEvent(MarketEventType.Book, b.Yes.Id) }, added.Events);
        Assert.Equal("NO NEW ASSETS", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Unsubscribe_IsSilent_AndStopsDataForThatToken()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var (a, b) = (markets[0], markets[1]);
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([a.Yes.Id, b.Yes.Id]));
        await client.ReceiveTextAsync();

        await client.SendAsync(Operation("unsubscribe", [a.Yes.Id]));
        Assert.Empty(await client.SyncAsync());
        Mutate(sim, 30, a, b);
        var events = EventRecorder.Of(await client.SyncAsync());

        Assert.DoesNotContain(a.Yes.Id, events.Assets());
        Assert.DoesNotContain(a.No.Id, events.Assets());
        Assert.Contains(b.Yes.Id, events.Assets(MarketEventType.PriceChange));
    }

    [Fact]
    public async Task PlainHttpRequest_Gets400()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient { Timeout = MarketChannelTestClient.Deadline };

        using var response = await http.GetAsync(new Uri(sim.ClobUri, "ws/market"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
