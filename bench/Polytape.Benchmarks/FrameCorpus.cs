using System.Text;
using Polytape.TestSupport;

namespace Polytape.Benchmarks;

/// <summary>
/// Realistic frames for the benchmarks, taken from the real captures: the Dec-2025 wire excerpt (as sent,
/// with ", " separators) and the deep Oct-2024 book.
/// </summary>
public static class FrameCorpus
{
    private static readonly string[] GoExcerpt = RealData.ReadAllText("unidentified-go-repo_wire_frames_excerpt_2025-12.txt")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Initial dump: a JSON array of two 2025-12 books (~50 levels a side each).</summary>
    public static byte[] InitialDump { get; } = Encoding.UTF8.GetBytes(GoExcerpt[0]);

    /// <summary>A two-entry price_change exactly as it came off the wire.</summary>
    public static byte[] PriceChange { get; } = Encoding.UTF8.GetBytes(GoExcerpt[1]);

    /// <summary>The same message with another size and timestamp, so alternating the two keeps a book bounded.</summary>
    public static byte[] PriceChangeAlternate { get; } = Encoding.UTF8.GetBytes(
        GoExcerpt[1].Replace("\"size\":\"55\"", "\"size\":\"56\"", StringComparison.Ordinal)
                    .Replace("1766481546776", "1766481546777", StringComparison.Ordinal));

    /// <summary>The two-entry price_change cut to its first entry (one leg), the most common shape.</summary>
    public static byte[] PriceChangeOneEntry { get; } = Encoding.UTF8.GetBytes(FirstEntryOnly(GoExcerpt[1]));

    /// <summary>The one-entry price_change with another size and timestamp.</summary>
    public static byte[] PriceChangeOneEntryAlternate { get; } = Encoding.UTF8.GetBytes(
        FirstEntryOnly(GoExcerpt[1]).Replace("\"size\":\"55\"", "\"size\":\"56\"", StringComparison.Ordinal)
                                    .Replace("1766481546776", "1766481546777", StringComparison.Ordinal));

    /// <summary>A post-trade book (no tick_size or last_trade_price).</summary>
    public static byte[] PostTradeBook { get; } = Encoding.UTF8.GetBytes(GoExcerpt[2]);

    /// <summary>A deep book: 76 bids and 86 asks (Trump 2024 market), pretty-printed with sorted keys.</summary>
    public static byte[] DeepBook { get; } = RealData.ReadAllBytes("nautilus_ws_book_2024-10.json");

    public static byte[] LastTradePrice { get; } = RealData.ReadAllBytes("nautilus_ws_last_trade_price_2024-08.json");

    private static string FirstEntryOnly(string frame)
    {
        var second = frame.IndexOf("}, {\"asset_id\"", StringComparison.Ordinal);
        var end = frame.IndexOf("}]", second, StringComparison.Ordinal);
        return frame[..(second + 1)] + frame[(end + 1)..];
    }
}
