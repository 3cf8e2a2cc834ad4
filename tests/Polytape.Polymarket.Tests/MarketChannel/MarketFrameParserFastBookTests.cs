using System.Text;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketFrameParserFastPathTests;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>
/// The book fast path may change speed, never results: for every frame, the parser with the fast path must produce
/// exactly what the general reader alone produces (kind, error presence, events with every level, drift).
/// </summary>
public sealed class MarketFrameParserFastBookTests
{
    // As the venue sends a book after a trade (", " separators), cut to three levels a side.
    private const string Live = """{"market":"0x0936baff284871821b1ab5c64d33d67f117392dba34d461fe04360df893dfde4", "asset_id":"20168250870314270898487593595943592687458358996170785976290704639743788087191", "bids":[{"price":"0.01", "size":"3641.8"}, {"price":"0.02", "size":"2452.3"}, {"price":"0.49", "size":"55"}], "asks":[{"price":"0.99", "size":"100"}, {"price":"0.52", "size":"12.5"}, {"price":"0.51", "size":"55"}], "hash":"eef80d141ea160c72c8644fd33c4e7cac54728fb", "timestamp":"1766481546776", "event_type":"book"}""";

    // The initial-dump form: compact, with tick_size and last_trade_price.
    private const string Opening = """{"market":"0x1","asset_id":"7","bids":[{"price":"0.4","size":"10"}],"asks":[],"hash":"bad813f84a3e7be740b95924fed984639e6798bc","timestamp":"1766481546776","event_type":"book","tick_size":"0.01","last_trade_price":"0.500"}""";

    public static TheoryData<string> Variants() => new()
    {
        Live,
        Opening,
        Live.Replace(", ", ",", StringComparison.Ordinal),                                            // compact
        Live.Replace("\"book\"}", "\"book\" }\n", StringComparison.Ordinal),                          // trailing whitespace
        Live.Replace("\"timestamp\":\"1766481546776\"", "\"timestamp\":1766481546776", StringComparison.Ordinal), // number
        Live.Replace("\"timestamp\":\"1766481546776\"", "\"timestamp\":\"\"", StringComparison.Ordinal), // empty timestamp
        Live.Replace("\"timestamp\":\"1766481546776\"", "\"timestamp\":\"-5\"", StringComparison.Ordinal), // invalid timestamp
        Live.Replace("\"price\":\"0.49\"", "\"price\":\"0.49999\"", StringComparison.Ordinal),        // too many decimals
        Live.Replace("\"price\":\"0.49\"", "\"price\":\"\"", StringComparison.Ordinal),               // empty price
        Live.Replace("\"size\":\"55\"", "\"size\":\"\"", StringComparison.Ordinal),                    // empty size
        Live.Replace("\"size\":\"55\"", "\"size\":\"0\"", StringComparison.Ordinal),                   // size 0
        Live.Replace("{\"price\":\"0.49\", \"size\":\"55\"}", "{\"size\":\"55\", \"price\":\"0.49\"}", StringComparison.Ordinal), // key order
        Live.Replace("{\"price\":\"0.49\", \"size\":\"55\"}", "{\"price\":\"0.49\"}", StringComparison.Ordinal), // half a level
        Live.Replace("{\"price\":\"0.49\", \"size\":\"55\"}", "{\"price\":\"0.49\", \"size\":\"55\", \"size\":\"56\"}", StringComparison.Ordinal), // repeated level key
        Live.Replace("{\"price\":\"0.49\", \"size\":\"55\"}", "{\"price\":\"0.49\", \"size\":\"55\", \"n\":\"1\"}", StringComparison.Ordinal), // drift in a level
        Live.Replace("\"hash\":", "\"fee\":\"1\", \"hash\":", StringComparison.Ordinal),               // drift
        Live.Replace("\"book\"}", "\"book\", \"neg_risk\":false}", StringComparison.Ordinal),          // neg_risk: general path
        Live.Replace("\"book\"}", "\"book\", \"min_order_size\":\"5\"}", StringComparison.Ordinal),    // min_order_size: general path
        Live.Replace("\"book\"}", "\"book\", \"market\":\"0x2\"}", StringComparison.Ordinal),          // duplicate key
        Live.Replace("\"hash\":\"eef80d141ea160c72c8644fd33c4e7cac54728fb\"", "\"hash\":\"0xabc123...\"", StringComparison.Ordinal),
        Live.Replace("\"asset_id\":\"2016", "\"asset_id\":\"\\u0032016", StringComparison.Ordinal),   // escaped id
        Live.Replace("\"bids\":[", "\"bids\":[ ", StringComparison.Ordinal).Replace("\"55\"}]", "\"55\"} ]", StringComparison.Ordinal),
        Live.Replace("\"book\"}", "\"book\"}x", StringComparison.Ordinal),                             // trailing garbage
        Live.Replace("\"event_type\":\"book\"", "\"event_type\":\"books\"", StringComparison.Ordinal), // another type
        Live.Replace(", \"event_type\":\"book\"", "", StringComparison.Ordinal),                       // REST summary: general path
        Live.Replace("\"bids\":[", "\"bids\":null, \"x\":[", StringComparison.Ordinal),                // null side
        Opening.Replace("\"last_trade_price\":\"0.500\"", "\"last_trade_price\":\"\"", StringComparison.Ordinal),
        Opening.Replace("\"tick_size\":\"0.01\"", "\"tick_size\":\"abc\"", StringComparison.Ordinal),
        Opening.Replace("\"asset_id\":\"7\",", "", StringComparison.Ordinal),                           // no asset
        Opening.Replace("\"asks\":[],", "", StringComparison.Ordinal),                                  // no asks
        Opening.Replace("\"asks\":[]", "\"asks\":{}", StringComparison.Ordinal),
        Opening.Replace("\"market\":\"0x1\",", "", StringComparison.Ordinal),                          // no market
        Opening.Replace("\"size\":\"10\"", "\"size\":\"10\\u00e9\"", StringComparison.Ordinal),
        Opening.Replace("\"size\":\"10\"", "\"size\":\"1é0\"", StringComparison.Ordinal),              // non-ASCII byte
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_FastPathAgreesWithTheGeneralReader(string frame) => AssertSame(Encoding.UTF8.GetBytes(frame));

    [Fact]
    public void MutatedBooks_FastPathAgreesWithTheGeneralReader()
    {
        foreach (var frame in FastPathChecks.Mutations(Live, seed: 20261202, rounds: 5_000).Concat(FastPathChecks.Mutations(Opening, seed: 20261203, rounds: 5_000)))
        {
            AssertSame(frame);
        }
    }

    [Fact]
    public void LiveBook_IsParsedWithoutAllocating() => FastPathChecks.AssertParsedWithoutAllocating(Live, MarketEventType.Book);
}
