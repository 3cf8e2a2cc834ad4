using System.Text;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>
/// The price_change fast path may change speed, never results: for every frame, the parser with the fast
/// path must produce exactly what the general reader alone produces (kind, error presence, events, drift).
/// </summary>
public sealed class MarketFrameParserFastPathTests
{
    private const string Live = """{"market":"0x0936baff284871821b1ab5c64d33d67f117392dba34d461fe04360df893dfde4", "price_changes":[{"asset_id":"25245433628208476987364023432306599125597948324625578977436890641930158259698", "price":"0.49", "size":"55", "side":"BUY", "hash":"bad813f84a3e7be740b95924fed984639e6798bc", "best_bid":"0.49", "best_ask":"0.5"}, {"asset_id":"20168250870314270898487593595943592687458358996170785976290704639743788087191", "price":"0.51", "size":"55", "side":"SELL", "hash":"eef80d141ea160c72c8644fd33c4e7cac54728fb", "best_bid":"0.5", "best_ask":"0.51"}], "timestamp":"1766481546776", "event_type":"price_change"}""";

    public static TheoryData<string> Variants() => new()
    {
        Live,
        Live.Replace(", ", ",", StringComparison.Ordinal),                                      // compact
        Live.Replace("\"price_change\"}", "\"price_change\" }\n", StringComparison.Ordinal),   // trailing whitespace
        Live.Replace("\"timestamp\":\"1766481546776\"", "\"timestamp\":1766481546776", StringComparison.Ordinal), // number: general path
        Live.Replace("\"side\":\"BUY\"", "\"side\":\"HOLD\"", StringComparison.Ordinal),        // invalid side: malformed
        Live.Replace("\"price\":\"0.49\"", "\"price\":\"0.49999\"", StringComparison.Ordinal),  // too many decimals
        Live.Replace("\"best_ask\":\"0.5\"}", "\"best_ask\":\"0.5\", \"fee\":\"1\"}", StringComparison.Ordinal), // drift
        Live.Replace("\"event_type\":\"price_change\"", "\"event_type\":\"price_change\", \"market\":\"0x1\"", StringComparison.Ordinal), // duplicate key
        Live.Replace("\"hash\":\"bad813f84a3e7be740b95924fed984639e6798bc\"", "\"hash\":\"0xabc123...\"", StringComparison.Ordinal),
        Live.Replace("\"best_bid\":\"0.49\", ", "", StringComparison.Ordinal),                 // half a best bid/ask pair
        Live.Replace("\"price_changes\":[", "\"price_changes\":[ ", StringComparison.Ordinal).Replace("\"0.51\"}]", "\"0.51\"} ]", StringComparison.Ordinal),
        Live.Replace("\"size\":\"55\"", "\"size\":\"\"", StringComparison.Ordinal),              // empty size
        Live.Replace("\"asset_id\":\"2524", "\"asset_id\":\"\\u0032524", StringComparison.Ordinal), // escaped id
        Live.Replace("\"price_change\"}", "\"price_change\"}x", StringComparison.Ordinal),       // trailing garbage
        Live.Replace("\"event_type\":\"price_change\"", "\"event_type\":\"price_changes\"", StringComparison.Ordinal),
        """{"market":"0x1","price_changes":[],"timestamp":"1","event_type":"price_change"}""",
        """{"market":"0x1","price_changes":[{"asset_id":"7","price":"0.5","size":"1","side":"BUY"}],"timestamp":"","event_type":"price_change"}""",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_FastPathAgreesWithTheGeneralReader(string frame) => AssertSame(Encoding.UTF8.GetBytes(frame));

    [Fact]
    public void EveryRealFrame_FastPathAgreesWithTheGeneralReader()
    {
        foreach (var (_, frame) in All())
        {
            AssertSame(frame);
        }
    }

    [Fact]
    public void MutatedFrames_FastPathAgreesWithTheGeneralReader()
    {
        foreach (var frame in FastPathChecks.Mutations(Live, seed: 20261122, rounds: 5_000))
        {
            AssertSame(frame);
        }
    }

    [Fact]
    public void LiveFrame_TakesTheFastPathAndAllocatesNothing() =>
        FastPathChecks.AssertParsedWithoutAllocating(Live, MarketEventType.PriceChange);

    internal static void AssertSame(byte[] frame)
    {
        var fast = new MarketFrameParser();
        var general = new MarketFrameParser(fastPath: false);
        var fastEvents = new RecordingHandler();
        var generalEvents = new RecordingHandler();

        var fastResult = fast.Parse(frame, fastEvents);
        var generalResult = general.Parse(frame, generalEvents);

        var context = Encoding.UTF8.GetString(frame);
        Assert.True(generalResult.Kind == fastResult.Kind, context);
        Assert.Equal(generalResult.EventCount, fastResult.EventCount);
        Assert.Equal(generalResult.Error, fastResult.Error);
        Assert.Equal(generalEvents.Trace(), fastEvents.Trace());
        Assert.Equal(general.Statistics.Drift.FieldCounts(), fast.Statistics.Drift.FieldCounts());
        Assert.Equal(general.Statistics.Drift.EventTypeCounts(), fast.Statistics.Drift.EventTypeCounts());
    }
}
