using System.IO.Compression;
using System.Text.Json;
using Polytape.Cli;
using Polytape.TestSupport;

namespace Polytape.Cli.Tests.Commands;

/// <summary><c>polytape check</c> on the real captures, with the JSON report a script would read.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("polytape-check-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("polypy_book_pricechange_restbook_hash_chain_2025-10.txt")]
    [InlineData("nautilus_ws_book_2024-10.json")]
    [InlineData("nautilus_rest_book_2024-10.json")]
    [InlineData("polypy_ws_book_2024-11.json")]
    public void VerifiedRealCapture_ReportsZeroMismatches(string file)
    {
        var (exit, report) = CheckJson(RealData.PathOf(file));

        Assert.Equal(0, exit);
        Assert.Equal(0, report.GetProperty("malformed").GetInt32());
        var assets = report.GetProperty("assets").EnumerateObject().Select(a => a.Value).ToList();
        Assert.NotEmpty(assets);
        Assert.Contains(assets, a => a.GetProperty("state").GetString() == "live");
        foreach (var asset in assets)
        {
            Assert.Equal(0, asset.GetProperty("bbo_mismatches").GetInt32());
            Assert.Equal(0, asset.GetProperty("hash_mismatches").GetInt32());
            Assert.Equal(0, asset.GetProperty("snapshot_mismatches").GetInt32());
            Assert.Equal(0, asset.GetProperty("snapshot_hash_mismatches").GetInt32());
        }
    }

    [Fact]
    public void HashChainCapture_ReportsEveryCheckThatRecomputes()
    {
        var (_, report) = CheckJson(RealData.PathOf("polypy_book_pricechange_restbook_hash_chain_2025-10.txt"));

        var asset = report.GetProperty("assets").GetProperty("94022367472047775158269173293876979533288470167463650966689320774843018181757");
        Assert.Equal(8, report.GetProperty("frames").GetInt32());
        Assert.Equal(3, asset.GetProperty("snapshots").GetInt32());
        Assert.Equal(2, asset.GetProperty("bbo_checks").GetInt32());
        Assert.Equal(2, asset.GetProperty("hash_checks").GetInt32());
        Assert.Equal(3, asset.GetProperty("snapshot_hash_checks").GetInt32());
        Assert.Equal("v3", asset.GetProperty("hash_format").GetString());
        Assert.Equal("0.33", asset.GetProperty("best_bid").GetString());
        Assert.Equal("0.34", asset.GetProperty("best_ask").GetString());
    }

    [Fact]
    public void GoExcerpt_BooksRecomputeAndOnlyTheNonConsecutivePriceChangeMisses()
    {
        var (exit, report) = CheckJson(RealData.PathOf("unidentified-go-repo_wire_frames_excerpt_2025-12.txt"));

        Assert.Equal(0, exit);
        var assets = report.GetProperty("assets").EnumerateObject().Select(a => a.Value).ToList();
        Assert.Equal(2, assets.Count);
        Assert.All(assets, a => Assert.Equal(0, a.GetProperty("snapshot_hash_mismatches").GetInt32()));
        Assert.All(assets, a => Assert.Equal("v4", a.GetProperty("hash_format").GetString()));
        Assert.Equal(2, assets.Sum(a => a.GetProperty("hash_mismatches").GetInt32()));
    }

    [Fact]
    public void JsonLinesWithBadFrames_CountsThemAndStillExitsZero()
    {
        var path = Path.Combine(_scratch, "mixed.jsonl");
        File.WriteAllLines(path,
        [
            File.ReadAllText(RealData.PathOf("nautilus_ws_tick_size_change_2025-02.json")).ReplaceLineEndings(""),
            "{\"event_type\":\"price_change\",\"market\":\"0x1\",\"price_changes\":[{\"asset_id\":\"1\"",
            "PONG",
            "{\"event_type\":\"order_book_delta\",\"asset_id\":\"1\"}",
        ]);

        var (exit, report) = CheckJson(path);

        Assert.Equal(0, exit);
        Assert.Equal(4, report.GetProperty("frames").GetInt32());
        Assert.Equal(1, report.GetProperty("malformed").GetInt32());
        Assert.Equal(1, report.GetProperty("unknown_event_types").GetInt32());
        Assert.Equal(1, report.GetProperty("unknown_event_type_counts").GetProperty("order_book_delta").GetInt32());
        Assert.Equal(1, report.GetProperty("frame_kinds").GetProperty("pong").GetInt32());
        Assert.Equal(2, report.GetProperty("malformed_examples")[0].GetProperty("position").GetInt32());
    }

    [Fact]
    public void GzipArrayOfFrameStrings_IsReadFrameByFrame()
    {
        var frames = File.ReadAllLines(RealData.PathOf("unidentified-go-repo_wire_frames_excerpt_2025-12.txt"))
            .Where(line => line.Length > 0).ToArray();
        var path = Path.Combine(_scratch, "frames.json.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gzip, frames, CliTestJsonContext.Default.StringArray);
        }

        var (exit, report) = CheckJson(path);

        Assert.Equal(0, exit);
        Assert.Equal(3, report.GetProperty("frames").GetInt32());
        Assert.Equal(3, report.GetProperty("events").GetProperty("book").GetInt32());
    }

    [Fact]
    public void ZstdJsonLines_AreReadFrameByFrame()
    {
        var path = Path.Combine(_scratch, "frames.jsonl.zst");
        using (var zstd = new ZstdSharp.CompressionStream(File.Create(path), level: 1, bufferSize: 0, leaveOpen: false))
        {
            zstd.Write(File.ReadAllBytes(RealData.PathOf("unidentified-go-repo_wire_frames_excerpt_2025-12.txt")));
        }

        var (exit, report) = CheckJson(path);

        Assert.Equal(0, exit);
        Assert.Equal(3, report.GetProperty("frames").GetInt32());
        Assert.Equal(3, report.GetProperty("events").GetProperty("book").GetInt32());
    }

    [Fact]
    public void CorruptZstd_IsUnreadable()
    {
        var path = Path.Combine(_scratch, "corrupt.jsonl.zst");
        File.WriteAllText(path, "this is not zstd");
        var error = new StringWriter();

        var exit = CliApplication.Run(["check", path], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("cannot read capture", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsTheOnlyNonZeroExit()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = CliApplication.Run(["check", Path.Combine(_scratch, "absent.jsonl")], output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("absent.jsonl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptGzip_IsUnreadable()
    {
        var path = Path.Combine(_scratch, "corrupt.jsonl.gz");
        File.WriteAllText(path, "this is not gzip");
        var error = new StringWriter();

        var exit = CliApplication.Run(["check", path], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("cannot read capture", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadMinOrderSize_IsAUsageErrorThatSaysWhatToGive()
    {
        var error = new StringWriter();

        var exit = CliApplication.Run(["check", "--min-order-size", "five", RealData.PathOf("polypy_ws_book_2024-11.json")], new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains("plain decimal", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NegRiskFlag_EntersTheHash()
    {
        // With neg_risk true the Oct-2025 hashes (which were computed with false) must no longer recompute.
        var (_, report) = CheckJson(RealData.PathOf("polypy_book_pricechange_restbook_hash_chain_2025-10.txt"), "--neg-risk", "true", "--hash-format", "v3");

        var asset = report.GetProperty("assets").GetProperty("94022367472047775158269173293876979533288470167463650966689320774843018181757");
        Assert.True(asset.GetProperty("snapshot_hash_mismatches").GetInt32() >= 1);
    }

    [Fact]
    public void TextSummary_ListsEachAsset()
    {
        var output = new StringWriter();

        var exit = CliApplication.Run(["check", RealData.PathOf("polypy_book_pricechange_restbook_hash_chain_2025-10.txt")], output, new StringWriter());

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("8 frame(s)", text, StringComparison.Ordinal);
        Assert.Contains("live", text, StringComparison.Ordinal);
        Assert.Contains("syncing", text, StringComparison.Ordinal);
    }

    private static (int Exit, JsonElement Report) CheckJson(string path, params string[] extra)
    {
        var output = new StringWriter();
        var exit = CliApplication.Run(["check", "--json", .. extra, path], output, new StringWriter());
        using var document = JsonDocument.Parse(output.ToString());
        return (exit, document.RootElement.Clone());
    }
}
