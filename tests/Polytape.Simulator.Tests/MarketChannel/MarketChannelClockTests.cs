using System.Net;
using System.Net.WebSockets;
using Polytape.Polymarket.MarketChannel;
using Polytape.TestSupport;
using static Polytape.Simulator.Tests.MarketChannel.MarketChannelTestKit;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>Behaviour that depends on time, driven by a manual clock: handshake throttling, idle drops, new_market.</summary>
public sealed class MarketChannelClockTests
{
    [Fact]
    public async Task Handshakes_OverThePerSecondLimit_Get429_UntilTheWindowPasses()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await StartAsync(clock);
        sim.Faults.HandshakesPerSecond = 2;
        await using var first = await MarketChannelTestClient.ConnectAsync(sim);
        await using var second = await MarketChannelTestClient.ConnectAsync(sim);

        using var refused = MarketChannelTestClient.NewSocket();
        using var cts = new CancellationTokenSource(MarketChannelTestClient.Deadline);
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(sim.MarketWebSocketUri, cts.Token));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);

        clock.Advance(TimeSpan.FromSeconds(1));
        await using var third = await MarketChannelTestClient.ConnectAsync(sim);
        await third.SendAsync("PING");
        Assert.Equal("PONG", await third.ReceiveTextAsync());
    }

    [Fact]
    public async Task IdleConnection_IsDroppedWithoutCloseFrame_AndTrafficKeepsItOpen()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await StartAsync(clock);
        sim.Faults.IdleTimeout = TimeSpan.FromSeconds(30);
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([StandingMarkets(sim)[0].Yes.Id]));
        await client.ReceiveTextAsync();

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await client.SyncAsync());
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await client.SyncAsync());
        clock.Advance(TimeSpan.FromSeconds(31));

        var end = await client.ReceiveEndAsync();
        Assert.True(end.Dropped, $"expected a drop, got {end}");
    }

    [Fact]
    public async Task NewMarket_IsBroadcastOnlyToCustomFeatureSessions()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await StartAsync(clock);
        sim.Faults.IdleTimeout = TimeSpan.Zero;
        var a = StandingMarkets(sim)[0];
        await using var custom = await MarketChannelTestClient.ConnectAsync(sim);
        await using var plain = await MarketChannelTestClient.ConnectAsync(sim);
        await custom.SendAsync(Opening([a.Yes.Id], custom: true));
        await plain.SendAsync(Opening([a.Yes.Id]));
        await custom.ReceiveTextAsync();
        await plain.ReceiveTextAsync();

        clock.Advance(TimeSpan.FromMinutes(5));
        lock (sim.Engine.Gate)
        {
            // The runner may have done it already; either way every new window is announced once, by now.
            sim.Engine.AdvanceLifecycle();
        }

        Assert.True(EventRecorder.Of(await custom.SyncAsync()).Count(MarketEventType.NewMarket) > 0);
        Assert.Equal(0, EventRecorder.Of(await plain.SyncAsync()).Count(MarketEventType.NewMarket));
    }
}
