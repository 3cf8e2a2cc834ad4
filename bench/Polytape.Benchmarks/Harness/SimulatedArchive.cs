using System.Text;
using Polytape.Archive;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Universe;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// The simulator's order flow (an initial dump of every book, then books, price changes, trades and tick changes) as
/// archive records labelled the way the recorder labels them, and written into an archive directory like a recording.
/// </summary>
public static class SimulatedArchive
{
    public static List<ArchiveRecord> Records(int records, int markets)
    {
        var sink = new Collector();
        var time = TimeProvider.System;
        var engine = new MarketEngine(
            new UniverseOptions { Seed = 1, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] }, new EngineOptions(), sink, time);
        lock (engine.Gate)
        {
            sink.Frames.Add(engine.InitialDump(engine.Universe.Markets.SelectMany(market => new[] { market.Yes, market.No })));
            while (sink.Frames.Count < records)
            {
                engine.Step(100);
            }
        }

        var start = ArchiveRecord.ToMicros(time.GetUtcNow());
        return sink.Frames.Take(records).Select((payload, i) => new ArchiveRecord
        {
            Sequence = i + 1,
            Kind = ArchiveRecordKind.Ws,
            Connection = "c1",
            Epoch = 1,
            ConnectionSequence = i + 1,
            ReceivedAtMicros = start + (i * 33L),
            EventType = EventTypeOf(payload),
            Payload = payload,
        }).ToList();
    }

    /// <summary>Writes <paramref name="records"/> into a new archive in <paramref name="directory"/> (sealed on dispose).</summary>
    public static async Task WriteAsync(string directory, IEnumerable<ArchiveRecord> records)
    {
        await using var writer = await ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = directory });
        foreach (var record in records)
        {
            await writer.AppendAsync(record);
        }
    }

    /// <summary>The frame's first event_type, as the recorder's label ("book" for an initial dump).</summary>
    private static string EventTypeOf(byte[] payload)
    {
        var marker = "\"event_type\":\""u8;
        var at = payload.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return ArchiveRecord.UnknownEventType;
        }

        var rest = payload.AsSpan(at + marker.Length);
        return Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)'"')]);
    }

    private sealed class Collector : IFrameSink
    {
        public List<byte[]> Frames { get; } = [];

        public void Publish(in OutboundFrame frame) => Frames.Add(frame.Payload);
    }
}
