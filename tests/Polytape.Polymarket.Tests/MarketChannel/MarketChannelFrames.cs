using System.Text;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>The real WebSocket captures, as whole frames (one file, or one line of a multi-line file).</summary>
public static class MarketChannelFrames
{
    public const string HashChainFile = "polypy_book_pricechange_restbook_hash_chain_2025-10.txt";
    public const string GoExcerptFile = "unidentified-go-repo_wire_frames_excerpt_2025-12.txt";

    /// <summary>Single-frame WebSocket captures.</summary>
    public static IReadOnlyList<string> FrameFiles { get; } =
    [
        "docs_example_ws_best_bid_ask.json",
        "docs_example_ws_new_market.json",
        "docs_example_ws_market_resolved.json",
        "nautilus_ws_book_2024-10.json",
        "nautilus_ws_last_trade_price_2024-08.json",
        "nautilus_ws_price_change_legacy_2024-08.json",
        "nautilus_ws_tick_size_change_2025-02.json",
        "polypy_ws_book_2024-11.json",
    ];

    /// <summary>Lines of a text fixture (1-based line n is element n − 1), without the final newline's empty tail.</summary>
    public static IReadOnlyList<string> Lines(string file)
    {
        var lines = RealData.ReadAllText(file).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    public static byte[] Line(string file, int number) => Encoding.UTF8.GetBytes(Lines(file)[number - 1]);

    /// <summary>Every real WebSocket frame, named "file" or "file:line".</summary>
    public static IReadOnlyList<(string Name, byte[] Frame)> All()
    {
        var frames = FrameFiles.Select(file => (file, RealData.ReadAllBytes(file))).ToList();
        foreach (var file in new[] { HashChainFile, GoExcerptFile })
        {
            var lines = Lines(file);
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].StartsWith('{') || lines[i].StartsWith('['))
                {
                    frames.Add(($"{file}:{i + 1}", Encoding.UTF8.GetBytes(lines[i])));
                }
            }
        }

        return frames;
    }

    public static TheoryData<string> AllNames()
    {
        var names = new TheoryData<string>();
        foreach (var (name, _) in All())
        {
            names.Add(name);
        }

        return names;
    }

    public static byte[] ByName(string name) => All().Single(frame => frame.Name == name).Frame;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
