using System.Text;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>After warm-up, parsing allocates nothing (STYLE.md, hot paths).</summary>
public sealed class MarketFrameParserAllocationTests
{
    private const int WarmUpRounds = 200;
    private const int MeasuredRounds = 1000;

    [Fact]
    public void Parse_WarmPriceChangeAndBook_AllocatesNothing()
    {
        // Current-schema price_change (2 entries, ", " separators) and a post-trade book, as sent.
        var frames = new[] { Line(GoExcerptFile, 2), Line(GoExcerptFile, 3) };

        var (allocated, handler) = Measure(frames);

        Assert.Equal(0, allocated);
        Assert.Equal((WarmUpRounds + MeasuredRounds) * 2, handler.Events);
    }

    [Fact]
    public void Parse_WarmHashChainPriceChangeWithQuotedTimestamp_AllocatesNothing()
    {
        var line = Lines(HashChainFile)[4];
        var quoted = line.Replace("\"timestamp\":1761179949036", "\"timestamp\":\"1761179949036\"", StringComparison.Ordinal);
        Assert.NotEqual(line, quoted);
        var frames = new[] { Encoding.UTF8.GetBytes(quoted), Line(HashChainFile, 2) };

        var (allocated, handler) = Measure(frames);

        Assert.Equal(0, allocated);
        Assert.Equal((WarmUpRounds + MeasuredRounds) * 2, handler.Events);
    }

    [Theory]
    [MemberData(nameof(MarketChannelFrames.AllNames), MemberType = typeof(MarketChannelFrames))]
    public void Parse_WarmRealFrame_AllocatesNothing(string name)
    {
        var (allocated, handler) = Measure([ByName(name)]);

        Assert.Equal(0, allocated);
        Assert.True(handler.Events >= WarmUpRounds + MeasuredRounds);
    }

    [Fact]
    public void Parse_WarmFramesWithSchemaDrift_AllocatesNothing()
    {
        // Drift names are copied the first time only: an unknown type, unknown keys, and known keys of another type.
        var frames = new[]
        {
            Utf8("""{"event_type":"order_book_delta","seq":1}"""),
            Utf8("""{"error":"x"}"""),
            Utf8("""{"event_type":"book","asset_id":"7","sequence":1,"bids":[{"price":"0.5","size":"1","orders":2}],"asks":[]}"""),
            Utf8("""{"event_type":"last_trade_price","asset_id":"7","price":"0.5","side":"BUY","bids":[],"tick_size":"0.01"}"""),
            Utf8("""[]"""),
            Utf8("PONG"),
        };

        var (allocated, _) = Measure(frames);

        Assert.Equal(0, allocated);
    }

    private static (long Allocated, ChecksumHandler Handler) Measure(byte[][] frames)
    {
        var parser = new MarketFrameParser();
        var handler = new ChecksumHandler();
        for (var i = 0; i < WarmUpRounds; i++)
        {
            ParseAll(parser, handler, frames);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredRounds; i++)
        {
            ParseAll(parser, handler, frames);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, parser.Statistics.FramesOf(FrameKind.Malformed));
        return (allocated, handler);
    }

    private static void ParseAll(MarketFrameParser parser, ChecksumHandler handler, byte[][] frames)
    {
        foreach (var frame in frames)
        {
            parser.Parse(frame, handler);
        }
    }
}
