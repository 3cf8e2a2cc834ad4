using System.Text;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Simulator.MarketChannel;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// Says where frames went missing when <see cref="RecorderHarness.BarrierAsync"/> times out: each venue connection's
/// frames sent next to the archived connection epoch holding exactly those frames, and, for those that differ, both
/// sides in full (venue: open or why closed, what the client last sent; recorder: frames archived, last event types,
/// how the session ended). A total alone ("applied 105 frames of 106 sent") cannot tell a lost frame from a slow one.
/// </summary>
internal static class BarrierReport
{
    // How long the report may wait for the ingest loop and the archive flush: the recorder may be what is stuck.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the archive so far (after the ingest loop and a flush) and describes every connection.</summary>
    public static async Task<string> DescribeAsync(RecorderHarness harness, IReadOnlyList<MarketConnectionTruth> sent, long applied, int pending)
    {
        var header = $"applied {applied} frames of {sent.Sum(c => c.FramesSent)} sent, {pending} pending at the venue, " +
            $"{harness.Recorder.Pipeline.QueueDepth} queued for ingest";
        List<ArchiveRecord> records;
        try
        {
            await harness.Recorder.Pipeline.InvokeAsync(_ => 0).WaitAsync(ReadTimeout);
            await harness.Recorder.Archive.FlushAsync().WaitAsync(ReadTimeout);
            using var follower = new ArchiveFollower(harness.ArchiveDirectory);
            records = [.. follower.ReadAvailable()];
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or ArchiveException)
        {
            return $"{header}; the archive could not be read for a per-connection account ({e.GetType().Name}: {e.Message})";
        }

        var pool = harness.Recorder.Pool.GetStatus().Connections
            .Select(c => $"{c.Id}#{c.Epoch} {c.State} {c.Frames} received{(c.Replaces is null ? "" : " replacing " + c.Replaces)}");
        return $"{header}; {Describe(sent, records)}; pool now: {string.Join(", ", pool)}";
    }

    /// <summary>
    /// Pairs each venue connection with the archived epoch holding exactly its frames (count and SHA-256, as
    /// <see cref="ArchiveTruth"/> does), and describes the ones left over on either side.
    /// </summary>
    public static string Describe(IReadOnlyList<MarketConnectionTruth> sent, IReadOnlyList<ArchiveRecord> records)
    {
        var epochs = records.Where(r => r.Kind == ArchiveRecordKind.Ws)
            .GroupBy(r => (r.Connection, r.Epoch))
            .Select(g => ArchivedEpoch.Of(g.Key.Connection, g.Key.Epoch, [.. g]))
            .ToList();
        var notes = SessionNotes(records);
        var withFrames = epochs.Select(e => (e.Connection, e.Epoch)).ToHashSet();
        var matched = new List<string>();
        var venueOnly = new List<MarketConnectionTruth>();
        foreach (var connection in sent.Where(c => c.FramesSent > 0))
        {
            var match = epochs.FindIndex(e => e.Frames == connection.FramesSent && string.Equals(e.Sha256, connection.Sha256, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
            {
                venueOnly.Add(connection);
                continue;
            }

            matched.Add($"#{connection.Id}={epochs[match].Name}:{connection.FramesSent}");
            epochs.RemoveAt(match);
        }

        var text = new StringBuilder();
        text.Append(venueOnly.Count == 0 && epochs.Count == 0 ? "every connection archived exactly" : "connections that differ");
        foreach (var connection in venueOnly)
        {
            var lastClientFrames = connection.RecentClientFrames.TakeLast(3).Select(f => f.Length > 60 ? f[..60] + "…" : f);
            text.Append($"; venue #{connection.Id} ({connection.RemoteEndPoint}, {connection.SubscribedTokens} tokens) sent {connection.FramesSent} frames, ")
                .Append(connection.Open ? "still open" : $"closed: {connection.CloseReason}")
                .Append($", client sent {connection.ClientFramesReceived} frames, last [{string.Join(" | ", lastClientFrames)}]");
        }

        foreach (var epoch in epochs)
        {
            notes.TryGetValue((epoch.Connection, epoch.Epoch), out var session);
            var lastTypes = epoch.Records.TakeLast(3).Select(r => r.EventType);
            text.Append($"; recorder {epoch.Name} ({session.Assets} assets) archived {epoch.Frames} frames (sequences {epoch.Sequences[0]}..{epoch.Sequences[^1]}), ")
                .Append($"last [{string.Join(", ", lastTypes)}], ")
                .Append(session.Ended ?? "session not ended");
        }

        // Sessions that archived no frame at all: a venue connection that sent one (a PONG, say) pairs with one of these.
        foreach (var (key, session) in notes.Where(n => !withFrames.Contains(n.Key)))
        {
            text.Append($"; recorder {key.Connection}#{key.Epoch} ({session.Assets} assets) archived no frame, {session.Ended ?? "session not ended"}");
        }

        text.Append($"; matched {matched.Count}: {string.Join(" ", matched)}");
        return text.ToString();
    }

    /// <summary>Each archived session's subscription size and, once ended, how.</summary>
    private static Dictionary<(string Connection, int Epoch), (int Assets, string? Ended)> SessionNotes(IEnumerable<ArchiveRecord> records)
    {
        var notes = new Dictionary<(string, int), (int Assets, string? Ended)>();
        foreach (var note in records.Where(r => r.Kind == ArchiveRecordKind.Note))
        {
            var json = JsonDocument.Parse(note.Payload).RootElement;
            var key = (note.Connection, note.Epoch);
            notes.TryGetValue(key, out var session);
            if (note.EventType == "session_started" && json.TryGetProperty("assets", out var assets))
            {
                notes[key] = session with { Assets = assets.GetArrayLength() };
            }
            else if (note.EventType == "session_ended")
            {
                var detail = json.TryGetProperty("detail", out var d) ? d.GetString() : null;
                notes[key] = session with { Ended = $"ended {json.GetProperty("reason").GetString()} ({detail})" };
            }
        }

        return notes;
    }
}
