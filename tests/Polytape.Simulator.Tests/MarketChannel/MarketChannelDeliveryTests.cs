using System.Text.Json;
using Polytape.Collector.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Simulator.Tests.MarketChannel.MarketChannelTestKit;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>What the engine publishes reaches exactly the right sessions, verifiably, and the ground truth says what was sent.</summary>
public sealed class MarketChannelDeliveryTests
{
    private static readonly MarketEventType[] TokenAudience = [MarketEventType.Book, MarketEventType.TickSizeChange, MarketEventType.BestBidAsk];

    [Fact]
    public async Task EngineSteps_ReachOnlySubscribedMarkets_AndVerifyThroughTheBookKeeper()
    {
        await using var sim = await StartAsync();
        var markets = StandingMarkets(sim);
        var other = markets[^1];
        var mine = markets[..^1];
        var tokens = mine.SelectMany(m => new[] { m.Yes, m.No }).ToList();
        await using var wide = await MarketChannelTestClient.ConnectAsync(sim);
        await using var narrow = await MarketChannelTestClient.ConnectAsync(sim);
        await wide.SendAsync(Opening(tokens.Select(t => t.Id), custom: true));
        await narrow.SendAsync(Opening([other.Yes.Id]));
        await wide.ReceiveTextAsync();
        await narrow.ReceiveTextAsync();

        Step(sim, 3_000);
        Mutate(sim, 30, other);
        await wide.SyncAsync();
        await narrow.SyncAsync();

        var keeper = new BookKeeper(new BookKeeperOptions { HashFormat = BookHashFormat.V4 });
        foreach (var token in tokens)
        {
            keeper.SetMetadata(token.IdUtf8, new AssetMetadata(token.Market.MinOrderSize, Price.Empty, token.Market.NegRisk));
        }

        var seen = EventRecorder.Of(wide.Received.Where(f => !f.AsSpan().SequenceEqual("PONG"u8)), keeper);
        keeper.Flush();
        Assert.Subset(tokens.Select(t => t.Id).ToHashSet(StringComparer.Ordinal), seen.Assets());
        Assert.True(seen.Count(MarketEventType.PriceChange) > 1_000, $"{seen.Count(MarketEventType.PriceChange)} price changes");
        Assert.True(seen.Count(MarketEventType.BestBidAsk) > 0);
        lock (sim.Engine.Gate)
        {
            foreach (var token in tokens)
            {
                Assert.True(keeper.TryGetAsset(token.Id, out var asset), token.Id);
                var c = asset.Counters;
                Assert.True(c.HashChecks > 0, $"{token.Id}: no hash checked");
                Assert.True(c.HashMismatches == 0, $"{token.Id}: {c.HashMismatches} hash mismatches of {c.HashChecks}");
                Assert.Equal(0, c.BboMismatches);
                Assert.Equal(0, c.SnapshotMismatches);
                Assert.Equal(ContinuityState.Live, asset.State);
                Assert.True(asset.Book.HasSameLevels(token.Book.Bids.WireOrder, token.Book.Asks.WireOrder), $"{token.Id}: rebuilt book differs");
            }
        }

        var narrowSeen = EventRecorder.Of(narrow.Received.Skip(1).Where(f => !f.AsSpan().SequenceEqual("PONG"u8)));
        Assert.Subset(new HashSet<string>(StringComparer.Ordinal) { other.Yes.Id, other.No.Id }, narrowSeen.Assets());
        Assert.Subset(new HashSet<string>(StringComparer.Ordinal) { other.Yes.Id }, narrowSeen.Assets(TokenAudience));
        Assert.True(narrowSeen.Count(MarketEventType.PriceChange) > 0);
    }

    [Fact]
    public async Task CustomFeatures_GateBestBidAsk()
    {
        await using var sim = await StartAsync();
        var ids = TokenIds(StandingMarkets(sim));
        await using var custom = await MarketChannelTestClient.ConnectAsync(sim);
        await using var plain = await MarketChannelTestClient.ConnectAsync(sim);
        await custom.SendAsync(Opening(ids, custom: true));
        await plain.SendAsync(Opening(ids, custom: false));
        await custom.ReceiveTextAsync();
        await plain.ReceiveTextAsync();

        Step(sim, 1_000);

        var withCustom = EventRecorder.Of(await custom.SyncAsync());
        var withoutCustom = EventRecorder.Of(await plain.SyncAsync());
        Assert.True(withCustom.Count(MarketEventType.BestBidAsk) > 0);
        Assert.Equal(0, withoutCustom.Count(MarketEventType.BestBidAsk));
        Assert.Equal(withCustom.Count(MarketEventType.PriceChange), withoutCustom.Count(MarketEventType.PriceChange));
    }

    [Fact]
    public async Task GroundTruth_MatchesWhatTheClientReceived_InProcessAndOverHttp()
    {
        await using var sim = await StartAsync();
        var ids = TokenIds(StandingMarkets(sim).Take(3));
        await using var client = await MarketChannelTestClient.ConnectAsync(sim);
        await client.SendAsync(Opening([.. ids, "42"], custom: true));
        await client.ReceiveTextAsync();
        Step(sim, 500);
        await client.SyncAsync();

        var truth = Assert.Single(sim.Hub.Connections);
        Assert.True(truth.Open);
        Assert.Equal(ids.Count + 1, truth.SubscribedTokens);
        Assert.Equal(client.Received.Count, truth.FramesSent);
        Assert.Equal(client.Received.Sum(f => (long)f.Length), truth.BytesSent);
        Assert.Equal(client.Digest(), truth.Sha256);
        Assert.StartsWith("127.0.0.1:", truth.RemoteEndPoint, StringComparison.Ordinal);

        using var http = new HttpClient { Timeout = MarketChannelTestClient.Deadline };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(sim.AdminUri, "truth/connections")));
        var entry = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(truth.Id, entry.GetProperty("id").GetInt64());
        Assert.Equal(truth.FramesSent, entry.GetProperty("frames_sent").GetInt64());
        Assert.Equal(truth.BytesSent, entry.GetProperty("bytes_sent").GetInt64());
        Assert.Equal(truth.Sha256, entry.GetProperty("sha256").GetString());
        Assert.Equal(ids.Count + 1, entry.GetProperty("subscribed_tokens").GetInt32());
        Assert.True(entry.GetProperty("open").GetBoolean());
    }
}
