using System.Collections.Immutable;
using System.Net.WebSockets;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Simulator.Tests.MarketChannel.MarketChannelTestKit;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>The connection faults and limits the market-channel server plays (protocol §2.4, §2.7–2.9).</summary>
public sealed class MarketChannelFaultTests
{
    private static readonly MarketEventType[] TokenAudience = [MarketEventType.Book, MarketEventType.TickSizeChange, MarketEventType.BestBidAsk];

    [Fact]
    public async Task DisconnectAfterFrames_WithCloseCode_ClosesAfterExactlyThatManyFrames()
    {
        await using var sim = await StartAsync();
        sim.Faults.DisconnectAfterFrames = 3;
        sim.Faults.DisconnectCloseCode = 4000;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync(Opening([StandingMarkets(sim)[0].Yes.Id]));
        await client.SendAsync("PING");
        await client.SendAsync("PING");
        await client.SendAsync("PING");
        var end = await client.ReceiveEndAsync();

        Assert.Equal((WebSocketCloseStatus)4000, end.CloseStatus);
        Assert.Equal("simulated disconnect", end.CloseDescription);
        Assert.Equal(3, client.Received.Count);
        Assert.Equal("PONG"u8.ToArray(), client.Received[2]);
    }

    [Fact]
    public async Task DisconnectAfterFrames_WithoutCloseCode_DropsWithoutCloseFrame()
    {
        await using var sim = await StartAsync();
        sim.Faults.DisconnectAfterFrames = 3;
        sim.Faults.DisconnectCloseCode = null;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);

        await client.SendAsync(Opening([StandingMarkets(sim)[0].Yes.Id]));
        await client.SendAsync("PING");
        await client.SendAsync("PING");
        var end = await client.ReceiveEndAsync();

        // The host resets the connection: frames still in flight may be lost, as on a live drop.
        Assert.True(end.Dropped, $"expected a drop, got {end}");
        Assert.InRange(client.Received.Count, 0, 3);
        var truth = Assert.Single(sim.Hub.Connections);
        Assert.Equal(3, truth.FramesSent);
        Assert.Equal("dropped: simulated disconnect", truth.CloseReason);
    }

    [Fact]
    public async Task SilentStall_SendsNoData_ButAnswersPong_UntilSwitchedOff()
    {
        await using var sim = await StartAsync();
        var a = StandingMarkets(sim)[0];
        sim.Faults.SilentStall = true;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([a.Yes.Id, a.No.Id], custom: true));

        Step(sim, 300);
        Mutate(sim, 30, a);
        Assert.Empty(await client.SyncAsync());

        sim.Faults.SilentStall = false;
        Mutate(sim, 30, a);
        Assert.Contains(a.Yes.Id, EventRecorder.Of(await client.SyncAsync()).Assets(MarketEventType.PriceChange));
    }

    [Fact]
    public async Task SilentAssets_WithholdTheirData_AndMarketFramesOnlyWhenAllSubscribedTokensOfTheMarketAreSilent()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var (a, b) = (markets[0], markets[1]);
        sim.Faults.SilentAssets = ImmutableHashSet.Create(StringComparer.Ordinal, a.Yes.Id, b.Yes.Id);
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([a.Yes.Id, b.Yes.Id, b.No.Id], custom: true));
        await client.ReceiveTextAsync();
        var snapshot = EventRecorder.Of(client.Received);

        Mutate(sim, 60, a, b);
        var events = EventRecorder.Of(await client.SyncAsync());

        Assert.Equal(new HashSet<string> { b.No.Id }, snapshot.Assets());
        Assert.DoesNotContain(a.Yes.Id, events.Assets());
        Assert.DoesNotContain(a.No.Id, events.Assets());
        Assert.Contains(b.Yes.Id, events.Assets(MarketEventType.PriceChange));
        Assert.DoesNotContain(b.Yes.Id, events.Assets(TokenAudience));
        Assert.Contains(b.No.Id, events.Assets(TokenAudience));
    }

    [Fact]
    public async Task MaxDeliveredAssets_OnlyTheFirstSubscribedTokensGetData()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        sim.Faults.MaxDeliveredAssetsPerConnection = 2;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([markets[0].Yes.Id, markets[1].Yes.Id]));
        await client.ReceiveTextAsync();
        await client.SendAsync(Operation("subscribe", [markets[2].Yes.Id, markets[3].Yes.Id]));
        Assert.Equal("[]", await client.ReceiveTextAsync());

        Mutate(sim, 30, markets[..4].ToArray());
        var events = EventRecorder.Of(await client.SyncAsync());

        Assert.Equal(new HashSet<string> { markets[0].Yes.Id, markets[1].Yes.Id }, EventRecorder.Of([client.Received[0]]).Assets());
        Assert.Subset(TokenIds(markets[..2]).ToHashSet(), events.Assets());
        Assert.Contains(markets[1].Yes.Id, events.Assets(MarketEventType.PriceChange));
        Assert.Equal(4, Assert.Single(sim.Hub.Connections).SubscribedTokens);
    }

    [Fact]
    public async Task TooManyIdsInOneFrame_ClosesTheConnection()
    {
        await using var sim = await StartAsync();
        var ids = TokenIds(StandingMarkets(sim).Take(2));
        sim.Faults.MaxIdsPerSubscribeFrame = 3;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening(ids[..3]));
        await client.ReceiveTextAsync();

        await client.SendAsync(Operation("subscribe", [.. ids, "1"]));
        var end = await client.ReceiveEndAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, end.CloseStatus);
    }

    [Fact]
    public async Task SlowConsumer_IsClosedWith1013()
    {
        await using var sim = await StartAsync();
        var ids = TokenIds(StandingMarkets(sim));
        sim.Hub.SendBufferCapacity = 8;
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening(ids));
        await client.ReceiveTextAsync();

        // The client reads nothing while the engine runs far ahead of the socket.
        for (var i = 0; i < 200 && sim.Hub.Connections[0].CloseReason is null; i++)
        {
            Step(sim, 500);
        }

        var end = await client.ReceiveEndAsync();
        Assert.Equal((WebSocketCloseStatus)1013, end.CloseStatus);
        Assert.Equal("slow consumer: send buffer full", end.CloseDescription);
    }

    [Fact]
    public async Task AllSubscribedMarketsResolved_ClosesWith1000_AfterMarketResolved()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var (a, b) = (markets[0], markets[1]);
        await using var resolvedOnly = await MarketChannelTestClient.ConnectAsync(sim);
        await using var withoutCustom = await MarketChannelTestClient.ConnectAsync(sim);
        await using var stillLive = await MarketChannelTestClient.ConnectAsync(sim);
        await resolvedOnly.SendAsync(Opening([a.Yes.Id, a.No.Id, "77"], custom: true));
        await withoutCustom.SendAsync(Opening([a.No.Id]));
        await stillLive.SendAsync(Opening([a.Yes.Id, b.Yes.Id], custom: true));
        await resolvedOnly.ReceiveTextAsync();
        await withoutCustom.ReceiveTextAsync();
        await stillLive.ReceiveTextAsync();

        lock (sim.Engine.Gate)
        {
            sim.Engine.ResolveNow(a);
        }

        var end = await resolvedOnly.ReceiveEndAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, end.CloseStatus);
        Assert.Equal("all subscribed assets resolved", end.CloseDescription);
        Assert.Contains(a.Yes.Id, EventRecorder.Of(resolvedOnly.Received.Skip(1)).Assets(MarketEventType.MarketResolved));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await withoutCustom.ReceiveEndAsync()).CloseStatus);
        Assert.Equal(0, EventRecorder.Of(withoutCustom.Received.Skip(1)).Count(MarketEventType.MarketResolved));
        var live = EventRecorder.Of(await stillLive.SyncAsync());
        Assert.Contains(a.Yes.Id, live.Assets(MarketEventType.MarketResolved));
    }
}
