using System.Text;
using System.Text.Json;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Engine;

/// <summary>
/// The simulator's frames have the byte-level shapes of real captures: key sets and order, every number and
/// timestamp a string, bids ascending and asks descending, compact initial dumps and ", "-separated updates.
/// </summary>
public sealed class WireShapeTests
{
    private static readonly string[] GoExcerpt = RealData.ReadAllText("unidentified-go-repo_wire_frames_excerpt_2025-12.txt")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private readonly IReadOnlyList<OutboundFrame> _frames;
    private readonly MarketEngine _engine;

    public WireShapeTests()
    {
        var clock = new ManualTimeProvider();
        var sink = new CollectingFrameSink();
        _engine = new MarketEngine(new UniverseOptions { Seed = 11, BinaryMarkets = 4, NegRiskEvents = 0, RollingCoins = ["btc"], Recurrences = [RollingRecurrence.FiveMinutes] },
            new EngineOptions(), sink, clock);
        for (var i = 0; i < 3_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(5));
            _engine.Step(1);
        }

        // Drive one market to the top of its range: crossing 0.96 switches its tick to 0.001.
        var hot = _engine.Universe.Markets[0];
        for (var i = 0; i < 2_000 && hot.TickSize.Units != 10; i++)
        {
            _engine.SetFairValue(hot, Domain.Numerics.Price.Parse("0.985"));
            clock.Advance(TimeSpan.FromMilliseconds(5));
            _engine.Mutate(hot);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        _engine.AdvanceLifecycle();
        _frames = sink.Frames;
    }

    [Fact]
    public void InitialDump_HasTheCapturedKeyOrderAndIsCompact()
    {
        var dump = _engine.InitialDump(_engine.Universe.Markets.Take(2).SelectMany(m => new[] { m.Yes, m.No }));
        using var captured = JsonDocument.Parse(GoExcerpt[0]);
        using var simulated = JsonDocument.Parse(dump);

        Assert.Equal(JsonValueKind.Array, simulated.RootElement.ValueKind);
        var expectedKeys = Keys(captured.RootElement[0]).Append("tick_size").ToHashSet();
        foreach (var book in simulated.RootElement.EnumerateArray())
        {
            // 2026 initial books add tick_size (SOURCES.md); order otherwise as captured, event_type before last_trade_price.
            Assert.Equal(["market", "asset_id", "timestamp", "hash", "bids", "asks", "tick_size", "event_type", "last_trade_price"], Keys(book));
            Assert.True(Keys(book).ToHashSet().SetEquals(expectedKeys));
            AssertLevelsInWireOrder(book);
        }

        Assert.DoesNotContain(", \""u8.ToArray(), dump.AsSpan().ToArray().Chunk(3).Select(c => c));
        Assert.False(Encoding.UTF8.GetString(dump).Contains(", ", StringComparison.Ordinal));
    }

    [Fact]
    public void PriceChange_MatchesTheCapturedShape()
    {
        using var captured = JsonDocument.Parse(GoExcerpt[1]);
        var frame = Frames(MarketEventType.PriceChange).First();
        using var simulated = JsonDocument.Parse(frame);

        Assert.Equal(Keys(captured.RootElement), Keys(simulated.RootElement));
        var capturedEntry = captured.RootElement.GetProperty("price_changes")[0];
        var entries = simulated.RootElement.GetProperty("price_changes");
        Assert.Equal(2, entries.GetArrayLength()); // both legs of the market
        foreach (var entry in entries.EnumerateArray())
        {
            Assert.Equal(Keys(capturedEntry), Keys(entry));
            AssertAllStrings(entry);
        }

        AssertMillisecondString(simulated.RootElement.GetProperty("timestamp"));
        // The live wire separates members with ", " after the initial dump (the Go excerpt shows it as sent).
        Assert.StartsWith("{\"market\":\"0x", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);
        Assert.Contains("\", \"price_changes\":[{\"asset_id\":\"", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);
    }

    [Fact]
    public void PriceChangeLegs_MirrorEachOther()
    {
        foreach (var frame in Frames(MarketEventType.PriceChange).Take(200))
        {
            using var document = JsonDocument.Parse(frame);
            var entries = document.RootElement.GetProperty("price_changes");
            var a = entries[0];
            var b = entries[1];
            Assert.NotEqual(a.GetProperty("asset_id").GetString(), b.GetProperty("asset_id").GetString());
            Assert.Equal(1m, decimal.Parse(a.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                            + decimal.Parse(b.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(a.GetProperty("size").GetString(), b.GetProperty("size").GetString());
            Assert.NotEqual(a.GetProperty("side").GetString(), b.GetProperty("side").GetString());
        }
    }

    [Fact]
    public void PostTradeBook_MatchesTheCapturedShape()
    {
        using var captured = JsonDocument.Parse(GoExcerpt[2]);
        var frame = Frames(MarketEventType.Book).First();
        using var simulated = JsonDocument.Parse(frame);

        // After a trade: no tick_size and no last_trade_price, as captured.
        Assert.Equal(Keys(captured.RootElement), Keys(simulated.RootElement));
        AssertLevelsInWireOrder(simulated.RootElement);
        Assert.Contains("{\"price\":\"", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);
        Assert.Contains("\", \"size\":\"", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MarketEventType.LastTradePrice, "nautilus_ws_last_trade_price_2024-08.json")]
    [InlineData(MarketEventType.TickSizeChange, "nautilus_ws_tick_size_change_2025-02.json")]
    [InlineData(MarketEventType.BestBidAsk, "docs_example_ws_best_bid_ask.json")]
    public void OtherEvents_HaveTheCapturedKeysAndStringValues(MarketEventType type, string capture)
    {
        using var captured = JsonDocument.Parse(RealData.ReadAllText(capture));
        var frame = Frames(type).FirstOrDefault();
        Assert.NotNull(frame);
        using var simulated = JsonDocument.Parse(frame);

        // Captured key sets; newer fields (transaction_hash) may be added, none removed.
        Assert.Empty(Keys(captured.RootElement).Except(Keys(simulated.RootElement)));
        AssertAllStrings(simulated.RootElement);
        AssertMillisecondString(simulated.RootElement.GetProperty("timestamp"));
    }

    [Fact]
    public void NewMarketAndResolution_HaveTheDocumentedKeys()
    {
        using var newMarketDocs = JsonDocument.Parse(RealData.ReadAllText("docs_example_ws_new_market.json"));
        var newMarket = Frames(MarketEventType.NewMarket).First();
        using var newMarketSim = JsonDocument.Parse(newMarket);
        Assert.Empty(Keys(newMarketDocs.RootElement).Except(Keys(newMarketSim.RootElement)));
        Assert.Equal(JsonValueKind.Array, newMarketSim.RootElement.GetProperty("outcomes").ValueKind); // a real array here, unlike Gamma
        Assert.Equal(JsonValueKind.True, newMarketSim.RootElement.GetProperty("active").ValueKind);

        var resolved = Frames(MarketEventType.MarketResolved).First();
        using var resolvedSim = JsonDocument.Parse(resolved);
        // The live frame of 2026-10 (polymarket-protocol.md §3.8), key for key.
        Assert.Equal(["id", "market", "assets_ids", "winning_asset_id", "winning_outcome", "event_message", "timestamp", "event_type", "tags"], Keys(resolvedSim.RootElement));
        Assert.Equal(JsonValueKind.Null, resolvedSim.RootElement.GetProperty("event_message").ValueKind);
    }

    [Fact]
    public void EndedMarket_IsEmptiedWithBoundsAsBestBidAndAsk()
    {
        var emptied = Frames(MarketEventType.PriceChange)
            .Select(f => JsonDocument.Parse(f))
            .SelectMany(d => d.RootElement.GetProperty("price_changes").EnumerateArray().Select(e => e.Clone()))
            .Where(e => e.GetProperty("best_bid").GetString() == "0" && e.GetProperty("best_ask").GetString() == "1")
            .ToList();

        Assert.NotEmpty(emptied); // the 5-minute windows that ended during the run
        Assert.All(emptied, e => Assert.Equal("0", e.GetProperty("size").GetString()));
    }

    private IEnumerable<byte[]> Frames(MarketEventType type) => _frames.Where(f => f.Type == type).Select(f => f.Payload);

    private static List<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    private static void AssertAllStrings(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            Assert.True(property.Value.ValueKind == JsonValueKind.String, $"{property.Name} is {property.Value.ValueKind}, the venue sends strings");
        }
    }

    private static void AssertMillisecondString(JsonElement timestamp)
    {
        Assert.Equal(JsonValueKind.String, timestamp.ValueKind);
        Assert.Equal(13, timestamp.GetString()!.Length);
        Assert.True(timestamp.GetString()!.All(char.IsAsciiDigit));
    }

    private static void AssertLevelsInWireOrder(JsonElement book)
    {
        static decimal P(JsonElement level) => decimal.Parse(level.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var bids = book.GetProperty("bids").EnumerateArray().Select(P).ToList();
        var asks = book.GetProperty("asks").EnumerateArray().Select(P).ToList();
        Assert.Equal(bids.Order().ToList(), bids);                 // ascending: best bid last
        Assert.Equal(asks.OrderDescending().ToList(), asks);       // descending: best ask last
        Assert.NotEmpty(bids);
    }
}
