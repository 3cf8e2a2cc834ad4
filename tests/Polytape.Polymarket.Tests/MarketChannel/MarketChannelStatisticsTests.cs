using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Frames by kind and events by type add up over a mixed session.</summary>
public sealed class MarketChannelStatisticsTests
{
    [Fact]
    public void Parse_MixedSession_CountsFramesByKindAndEventsByType()
    {
        var parser = new MarketFrameParser();
        var handler = new RecordingHandler();
        var frames = All().Select(f => f.Frame).ToList();
        string[] extra = ["PONG", "PONG", "INVALID OPERATION", "NO NEW ASSETS", "hello", "", "[]", """{"error":"x"}""", "{", "[1]"];
        frames.AddRange(extra.Select(Utf8));

        var dispatched = frames.Sum(frame => parser.Parse(frame, handler).EventCount);

        var statistics = parser.Statistics;
        Assert.Equal(frames.Count, statistics.Frames);
        Assert.Equal(18, statistics.FramesOf(FrameKind.Events)); // 16 real frames, "[]" and the error object
        Assert.Equal(2, statistics.FramesOf(FrameKind.Pong));
        Assert.Equal(1, statistics.FramesOf(FrameKind.InvalidOperation));
        Assert.Equal(1, statistics.FramesOf(FrameKind.NoNewAssets));
        Assert.Equal(1, statistics.FramesOf(FrameKind.OtherText));
        Assert.Equal(1, statistics.FramesOf(FrameKind.Empty));
        Assert.Equal(2, statistics.FramesOf(FrameKind.Malformed));
        Assert.Equal(statistics.Frames, Enum.GetValues<FrameKind>().Sum(kind => statistics.FramesOf(kind)));

        Assert.Equal(8, statistics.EventsOf(MarketEventType.Book));
        Assert.Equal(4, statistics.EventsOf(MarketEventType.PriceChange));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.LastTradePrice));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.TickSizeChange));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.BestBidAsk));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.NewMarket));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.MarketResolved));
        Assert.Equal(1, statistics.EventsOf(MarketEventType.Unknown));
        var events = Enum.GetValues<MarketEventType>().Sum(type => statistics.EventsOf(type));
        Assert.Equal(18, events);
        Assert.Equal(events, dispatched);
        Assert.Equal(events, handler.Events.Count);
        Assert.Equal(1, statistics.Drift.UnknownEventTypes);
    }

    [Fact]
    public void Statistics_NewParser_IsAllZero()
    {
        var statistics = new MarketFrameParser().Statistics;

        Assert.Equal(0, statistics.Frames);
        Assert.All(Enum.GetValues<FrameKind>(), kind => Assert.Equal(0, statistics.FramesOf(kind)));
        Assert.All(Enum.GetValues<MarketEventType>(), type => Assert.Equal(0, statistics.EventsOf(type)));
        Assert.Empty(statistics.Drift.EventTypeCounts());
        Assert.Empty(statistics.Drift.FieldCounts());
    }
}
