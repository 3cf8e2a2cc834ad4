using Polytape.Archive;
using Polytape.Collector.Books;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// <c>polytape record</c> end to end under the simulator's feed faults (protocol §8.16, §10.8): whatever the venue sends,
/// every frame is archived once and in order, the books end exactly as the venue's, and the fault is seen where it should be.
/// </summary>
[Collection(RecorderFaultCollection.Name)]
public sealed partial class RecorderFaultTests
{
    public enum FeedFault
    {
        Malformed,
        UnknownEvent,
        UnknownField,
        Duplicate,
        CrossedBook,
        HashAheadOfTrade,
    }

    [Theory]
    [InlineData(FeedFault.Malformed)]
    [InlineData(FeedFault.UnknownEvent)]
    [InlineData(FeedFault.UnknownField)]
    [InlineData(FeedFault.Duplicate)]
    [InlineData(FeedFault.CrossedBook)]
    [InlineData(FeedFault.HashAheadOfTrade)]
    public async Task Feed_fault_loses_no_frame_keeps_the_books_exact_and_is_detected(FeedFault fault)
    {
        // 24 tokens at 8 per connection: three connections.
        await using var harness = await RecorderHarness.StartAsync(markets: 12, assetsPerConnection: 8);
        await harness.WaitForAllSnapshotsAsync();

        // A few hundred mutations with the fault on, in small batches: a group (one venue timestamp) left open at the end
        // of a batch is checked before the next batch moves the clock on, so a briefly crossed book is seen crossed.
        Switch(harness.Simulator.Faults, fault, on: true);
        for (var i = 0; i < 20; i++)
        {
            harness.Step(15);
            await harness.BarrierAsync();
        }

        // Healthy again: one more change per market (which also uncrosses a book left crossed), then the books must be the venue's.
        Switch(harness.Simulator.Faults, fault, on: false);
        harness.MutateEveryMarket();
        await harness.BarrierAsync();
        await harness.WaitForTrueBooksAsync();
        var pipeline = harness.Recorder.Pipeline;
        var seen = await pipeline.InvokeAsync(keeper => Detection.Of(keeper, pipeline.Statistics));
        await harness.Recorder.StopAsync();
        Assert.Null(harness.Recorder.Fault);

        // (a) Every frame, the broken and the unknown ones included, archived once, in order, byte for byte.
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        var epochs = ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections);
        Assert.Equal(3, epochs.Count);
        var frames = epochs.SelectMany(e => e.Records).ToList();

        // (c) Detected where it should be. Failures other than the fault's own would be false alarms (tick-size changes are
        // normal trading: the book is proven again by the next hash).
        var transitions = ArchiveTruth.Transitions(records);
        var suspectCauses = transitions.Where(t => t.To == "suspect").Select(t => t.Cause).Distinct().Order().ToList();
        var unknownShapes = ArchiveReader.ListFiles(harness.ArchiveDirectory).Sum(f => ArchiveReader.ReadManifest(f).UnknownShapes);
        Assert.Equal(frames.Count(f => f.EventType == ArchiveRecord.UnknownEventType), unknownShapes);
        switch (fault)
        {
            case FeedFault.Malformed:
                var truncated = frames.Count(f => !IsJson(f.Payload.Span));
                Assert.True(truncated > 0, "the simulator sent no truncated frame: the test proves nothing");
                Assert.Equal(truncated, seen.MalformedFrames);
                Assert.Equal(truncated, unknownShapes);
                break;
            case FeedFault.UnknownEvent:
                var unknown = frames.Count(f => Contains(f, "sim_unknown_event"));
                Assert.True(unknown > 0, "the simulator sent no unknown event");
                Assert.Equal(unknown, seen.UnknownEventTypes.GetValueOrDefault("sim_unknown_event"));
                Assert.Equal(unknown, unknownShapes);
                break;
            case FeedFault.UnknownField:
                var drifted = frames.Count(f => Contains(f, "sim_extra_field"));
                Assert.True(drifted > 0, "the simulator sent no unknown field");
                Assert.Equal(drifted, seen.UnknownFields.GetValueOrDefault("price_change.sim_extra_field"));
                Assert.Equal(0, unknownShapes); // a known event with an extra key is still a known shape
                break;
            case FeedFault.Duplicate:
                var repeats = epochs.Sum(e => e.Records.Zip(e.Records.Skip(1)).Count(p => p.First.Payload.Span.SequenceEqual(p.Second.Payload.Span)
                    && p.First.EventType == "price_change"));
                Assert.True(repeats > 0, "the simulator sent no duplicate price_change");
                break;
            case FeedFault.CrossedBook:
                // Marked Suspect when crossed, proven Live again by the venue's hash once uncrossed: no resync needed.
                Assert.True(seen.CrossedBooks > 0, "no crossed book was seen");
                Assert.Contains("crossed_book", suspectCauses);
                for (var i = 0; i < transitions.Count; i++)
                {
                    if (transitions[i] is { To: "suspect", Cause: "crossed_book" } crossed)
                    {
                        var next = transitions.Skip(i + 1).FirstOrDefault(t => t.Asset == crossed.Asset);
                        Assert.Equal(("live", "hash_verified"), (next?.To, next?.Cause));
                    }
                }

                break;
            case FeedFault.HashAheadOfTrade:
                // A group hashed with a trade not yet announced may fail its check; the trade that follows must explain every
                // such failure (the book was right all along).
                Assert.True(seen.Trades > 0, "no trade happened");
                break;
        }

        // A group is checked when the ingest queue runs dry; on a busy machine that can fall between two frames of one sweep
        // (they share a timestamp and carry the final hash), a mismatch the next frame explains. Every hash mismatch must be
        // explained that way: one that is not is a wrong book.
        string[] allowed = fault == FeedFault.CrossedBook ? ["crossed_book", "hash_mismatch", "tick_size_changed"] : ["hash_mismatch", "tick_size_changed"];
        Assert.Empty(suspectCauses.Except(allowed));
        Assert.Equal(seen.HashMismatches, seen.HashMismatchesExplained);
        Assert.Equal(0, seen.SnapshotMismatches);
        Assert.Equal(0, seen.BboMismatches);
    }

    private static void Switch(SimulatorFaults faults, FeedFault fault, bool on)
    {
        var probability = on ? 0.3 : 0;
        switch (fault)
        {
            case FeedFault.Malformed:
                faults.MalformedProbability = probability;
                break;
            case FeedFault.UnknownEvent:
                faults.UnknownEventProbability = probability;
                break;
            case FeedFault.UnknownField:
                faults.UnknownFieldProbability = probability;
                break;
            case FeedFault.Duplicate:
                faults.DuplicateProbability = probability;
                break;
            case FeedFault.CrossedBook:
                faults.CrossedBookProbability = probability;
                break;
            case FeedFault.HashAheadOfTrade:
                faults.HashAheadOfTrade = on;
                break;
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        var reader = new System.Text.Json.Utf8JsonReader(payload);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool Contains(ArchiveRecord frame, string text) =>
        frame.Payload.Span.IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>What the ingest loop's parser and book keeper counted, read on the loop.</summary>
    private sealed record Detection(
        long MalformedFrames,
        IReadOnlyDictionary<string, long> UnknownEventTypes,
        IReadOnlyDictionary<string, long> UnknownFields,
        long CrossedBooks,
        long HashMismatches,
        long HashMismatchesExplained,
        long SnapshotMismatches,
        long BboMismatches,
        long Trades)
    {
        public static Detection Of(BookKeeper keeper, MarketChannelStatistics parser)
        {
            var assets = keeper.Assets.Select(a => a.Counters).ToList();
            return new Detection(
                parser.FramesOf(FrameKind.Malformed),
                parser.Drift.EventTypeCounts(),
                parser.Drift.FieldCounts(),
                assets.Sum(c => c.CrossedBooks),
                assets.Sum(c => c.HashMismatches),
                assets.Sum(c => c.HashMismatchesExplained),
                assets.Sum(c => c.SnapshotMismatches),
                assets.Sum(c => c.BboMismatches),
                assets.Sum(c => c.Trades));
        }
    }
}
