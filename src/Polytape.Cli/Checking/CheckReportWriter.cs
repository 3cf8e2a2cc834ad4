using System.Text.Json;
using Polytape.Collector.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Cli.Checking;

/// <summary>Writes a <see cref="CaptureCheck"/> as one JSON object (for scripts) or as readable text.</summary>
public static class CheckReportWriter
{
    public static void WriteJson(CaptureCheck check, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var stats = check.Parser.Statistics;
        json.WriteStartObject();
        json.WriteStartArray("files");
        foreach (var file in check.Files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteNumber("frames", stats.Frames);
        json.WriteNumber("malformed", stats.FramesOf(FrameKind.Malformed));
        json.WriteNumber("unknown_event_types", stats.Drift.UnknownEventTypes);
        json.WriteNumber("unknown_fields", stats.Drift.UnknownFields);
        json.WriteStartObject("frame_kinds");
        foreach (var kind in Enum.GetValues<FrameKind>())
        {
            json.WriteNumber(Names.Of(kind), stats.FramesOf(kind));
        }

        json.WriteEndObject();
        json.WriteStartObject("events");
        foreach (var type in Enum.GetValues<MarketEventType>())
        {
            json.WriteNumber(Names.Of(type), stats.EventsOf(type));
        }

        json.WriteEndObject();
        WriteCounts(json, "unknown_event_type_counts", stats.Drift.EventTypeCounts());
        WriteCounts(json, "unknown_field_counts", stats.Drift.FieldCounts());
        json.WriteStartArray("malformed_examples");
        foreach (var example in check.MalformedExamples)
        {
            json.WriteStartObject();
            json.WriteString("file", example.File);
            json.WriteNumber("position", example.Position);
            json.WriteString("error", example.Error);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("new_market_notices", check.Keeper.NewMarketNotices);
        json.WriteNumber("resolved_market_notices", check.Keeper.ResolvedMarketNotices);
        json.WriteNumber("best_bid_ask_events", check.Keeper.BestBidAskEvents);
        json.WriteStartObject("assets");
        foreach (var asset in SortedAssets(check))
        {
            json.WriteStartObject(System.Text.Encoding.UTF8.GetString(asset.AssetIdUtf8));
            WriteAsset(json, asset);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    public static void WriteText(CaptureCheck check, TextWriter output)
    {
        var stats = check.Parser.Statistics;
        output.WriteLine($"{check.Files.Count} file(s), {stats.Frames} frame(s): {stats.FramesOf(FrameKind.Events)} JSON, " +
                         $"{stats.FramesOf(FrameKind.Malformed)} malformed, {stats.FramesOf(FrameKind.OtherText) + stats.FramesOf(FrameKind.Pong) + stats.FramesOf(FrameKind.InvalidOperation) + stats.FramesOf(FrameKind.NoNewAssets)} text");
        output.WriteLine("events: " + string.Join(", ", Enum.GetValues<MarketEventType>()
            .Where(t => stats.EventsOf(t) > 0)
            .Select(t => $"{Names.Of(t)} {stats.EventsOf(t)}")));
        foreach (var (name, count) in stats.Drift.EventTypeCounts())
        {
            output.WriteLine($"unknown event type '{name}': {count}");
        }

        foreach (var (name, count) in stats.Drift.FieldCounts())
        {
            output.WriteLine($"unknown field '{name}': {count}");
        }

        foreach (var example in check.MalformedExamples)
        {
            output.WriteLine($"malformed: {example.File}:{example.Position}: {example.Error}");
        }

        output.WriteLine();
        output.WriteLine($"{"asset",-22} {"state",-9} {"snap",5} {"snapΔ",5} {"bbo",9} {"hash",9} {"best bid",9} {"best ask",9}");
        foreach (var asset in SortedAssets(check))
        {
            var id = System.Text.Encoding.UTF8.GetString(asset.AssetIdUtf8);
            var c = asset.Counters;
            output.WriteLine(
                $"{Abbreviate(id),-22} {Names.Of(asset.State),-9} {c.Snapshots,5} {c.SnapshotMismatches,5} " +
                $"{$"{c.BboChecks - c.BboMismatches}/{c.BboChecks}",9} " +
                $"{$"{c.HashChecks + c.SnapshotHashChecks - c.HashMismatches - c.SnapshotHashMismatches}/{c.HashChecks + c.SnapshotHashChecks}",9} " +
                $"{asset.Book.BestBid,9} {asset.Book.BestAsk,9}");
        }
    }

    private static void WriteAsset(Utf8JsonWriter json, AssetBook asset)
    {
        var c = asset.Counters;
        json.WriteString("market", asset.Market);
        json.WriteString("state", Names.Of(asset.State));
        json.WriteString("cause", Names.Of(asset.Cause));
        json.WriteNumber("epoch", asset.Epoch);
        json.WriteString("hash_format", Names.Of(asset.HashFormat));
        json.WriteNumber("snapshots", c.Snapshots);
        json.WriteNumber("snapshot_mismatches", c.SnapshotMismatches);
        json.WriteNumber("snapshot_hash_checks", c.SnapshotHashChecks);
        json.WriteNumber("snapshot_hash_mismatches", c.SnapshotHashMismatches);
        json.WriteNumber("deltas_applied", c.DeltasApplied);
        json.WriteNumber("deltas_skipped", c.DeltasSkipped);
        json.WriteNumber("bbo_checks", c.BboChecks);
        json.WriteNumber("bbo_mismatches", c.BboMismatches);
        json.WriteNumber("hash_checks", c.HashChecks);
        json.WriteNumber("hash_mismatches", c.HashMismatches);
        json.WriteNumber("hash_mismatches_explained", c.HashMismatchesExplained);
        json.WriteNumber("crossed_books", c.CrossedBooks);
        json.WriteNumber("trades", c.Trades);
        json.WriteNumber("tick_size_changes", c.TickSizeChanges);
        json.WriteNumber("transitions", c.Transitions);
        json.WriteBoolean("resolved", asset.IsResolved);
        json.WriteString("best_bid", asset.Book.BestBid.ToString());
        json.WriteString("best_ask", asset.Book.BestAsk.ToString());
        json.WriteNumber("bid_levels", asset.Book.Bids.Count);
        json.WriteNumber("ask_levels", asset.Book.Asks.Count);
        json.WriteString("tick_size", asset.Metadata.TickSize.ToString());
        json.WriteString("last_trade_price", asset.LastTradePrice.ToString());
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static IEnumerable<AssetBook> SortedAssets(CaptureCheck check) =>
        check.Keeper.Assets.OrderBy(a => System.Text.Encoding.UTF8.GetString(a.AssetIdUtf8), StringComparer.Ordinal);

    private static string Abbreviate(string id) => id.Length <= 22 ? id : $"{id[..9]}…{id[^10..]}";
}
