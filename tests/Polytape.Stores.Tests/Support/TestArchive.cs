using System.Text;
using Polytape.Archive;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Stores.Tests.Support;

/// <summary>
/// Writes a realistic archive for the store tests: catalog records for simulated markets, the simulator's initial
/// dump and order flow (books, price changes, trades, tick changes, lifecycle), continuity records, and real captured
/// frames and REST books. Records are received 1 ms apart from <see cref="StartMicros"/>.
/// </summary>
public static class TestArchive
{
    /// <summary>2026-09-21T14:13:20Z.</summary>
    public const long StartMicros = 1_790_000_000_000_000;

    public const long MicrosPerRecord = 1_000;

    public static DateTimeOffset TimeOf(long sequence) =>
        DateTimeOffset.UnixEpoch.AddTicks((StartMicros + ((sequence - 1) * MicrosPerRecord)) * TimeSpan.TicksPerMicrosecond);

    /// <summary>The records to write, with receive times set; sequences are assigned by the writer (1, 2, … in a new archive).</summary>
    public static List<ArchiveRecord> Build(int steps = 300, int markets = 3, int seed = 1, long firstSequence = 1)
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000));
        var sink = new CollectingFrameSink();
        var engine = new MarketEngine(
            new UniverseOptions { Seed = seed, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
            new EngineOptions { TradeProbability = 0.3 }, sink, time);
        var payloads = new List<(ArchiveRecordKind Kind, string? Type, byte[] Payload)>();
        lock (engine.Gate)
        {
            var tokens = engine.Universe.Markets.SelectMany(market => new[] { market.Yes, market.No }).ToList();
            foreach (var market in engine.Universe.Markets)
            {
                payloads.Add((ArchiveRecordKind.Catalog, "catalog", Utf8(CatalogJson(market.ConditionId, market.Slug, market.Question, market.Yes.Id, market.No.Id))));
            }

            payloads.Add((ArchiveRecordKind.Ws, "book", engine.InitialDump(tokens)));
            for (var i = 0; i < steps; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(7));
                engine.Step(1);
                payloads.AddRange(sink.Take().Select(frame => (ArchiveRecordKind.Ws, (string?)frame.Type.ToString(), frame.Payload)));
                if (i % 50 == 25)
                {
                    var token = tokens[i % tokens.Count];
                    payloads.Add((ArchiveRecordKind.Continuity, "continuity", Utf8(
                        $$"""{"asset":"{{token.Id}}","from":"Live","to":"Suspect","cause":"BestBidMismatch","epoch":{{i}},"at":{{1_790_000_000_000 + i}},"new_field":[1,2]}""")));
                }
            }
        }

        payloads.AddRange(RealFrames());
        var records = new List<ArchiveRecord>(payloads.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            records.Add(new ArchiveRecord
            {
                Kind = payloads[i].Kind,
                Connection = payloads[i].Kind is ArchiveRecordKind.Ws ? "c1" : string.Empty,
                Epoch = 1,
                ConnectionSequence = i + 1,
                ReceivedAtMicros = StartMicros + ((firstSequence - 1 + i) * MicrosPerRecord),
                EventType = payloads[i].Type,
                Payload = payloads[i].Payload,
            });
        }

        return records;
    }

    /// <summary>Writes the records into a (new or continued) archive and seals it; returns the records as read back.</summary>
    public static async Task<List<ArchiveRecord>> WriteAsync(string directory, IEnumerable<ArchiveRecord> records)
    {
        await using (var writer = await OpenWriterAsync(directory))
        {
            foreach (var record in records)
            {
                await writer.AppendAsync(record);
            }
        }

        return ArchiveReader.Read(directory).ToList();
    }

    public static Task<ArchiveWriter> OpenWriterAsync(string directory) =>
        ArchiveWriter.OpenAsync(
            new ArchiveOptions { Directory = directory, FlushEveryRecords = 100_000, FlushInterval = TimeSpan.FromMinutes(1) },
            new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000)));

    public static string CatalogJson(string conditionId, string slug, string question, string yes, string no) =>
        $$"""{"condition_id":"{{conditionId}}","slug":"{{slug}}","question":{{System.Text.Json.JsonSerializer.Serialize(question)}},"tokens":[{"asset_id":"{{yes}}","outcome":"Yes"},{"asset_id":"{{no}}","outcome":"No"}],"tick_size":"0.01","min_order_size":5,"neg_risk":false,"end_date":"2026-12-31T00:00:00Z","unknown":{"x":1} }""";

    /// <summary>Real captures: a book → price change → REST book chain, raw wire frames, and one of each other event.</summary>
    private static IEnumerable<(ArchiveRecordKind, string?, byte[])> RealFrames()
    {
        foreach (var line in RealData.ReadAllText("polypy_book_pricechange_restbook_hash_chain_2025-10.txt").Split('\n'))
        {
            if (line.StartsWith("{\"event_type\"", StringComparison.Ordinal))
            {
                yield return (ArchiveRecordKind.Ws, null, Utf8(line.TrimEnd('\r')));
            }
            else if (line.StartsWith("{\"market\"", StringComparison.Ordinal))
            {
                yield return (ArchiveRecordKind.Rest, "book", Utf8(line.TrimEnd('\r')));
            }
        }

        foreach (var line in RealData.ReadAllText("unidentified-go-repo_wire_frames_excerpt_2025-12.txt").Split('\n'))
        {
            if (line.Length > 0)
            {
                yield return (ArchiveRecordKind.Ws, null, Utf8(line.TrimEnd('\r')));
            }
        }

        foreach (var file in new[]
        {
            "nautilus_ws_tick_size_change_2025-02.json", "nautilus_ws_last_trade_price_2024-08.json", "docs_example_ws_best_bid_ask.json",
            "docs_example_ws_new_market.json", "docs_example_ws_market_resolved.json",
        })
        {
            yield return (ArchiveRecordKind.Ws, null, RealData.ReadAllBytes(file));
        }

        yield return (ArchiveRecordKind.Note, "note", Utf8("recorder stopped"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
