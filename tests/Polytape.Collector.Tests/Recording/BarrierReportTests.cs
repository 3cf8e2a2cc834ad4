using System.Security.Cryptography;
using System.Text;
using Polytape.Archive;
using Polytape.Simulator.MarketChannel;

namespace Polytape.Collector.Tests.Recording;

/// <summary>The barrier's timeout message names the connection that lost a frame, and finds nothing to say of a healthy recorder.</summary>
[Collection(RecorderFaultCollection.Name)]
public sealed class BarrierReportTests
{
    [Fact]
    public void A_frame_sent_but_not_archived_names_both_sides_of_that_connection_only()
    {
        string[] first = ["""{"event_type":"book"}""", """{"event_type":"price_change"}"""];
        string[] second = ["""{"event_type":"book"}""", "PONG"];
        MarketConnectionTruth[] sent = [Venue(1, first), Venue(2, second)];
        List<ArchiveRecord> records =
        [
            Note("c1", "session_started", """{"event":"session_started","epoch":1,"assets":["a","b"]}"""),
            .. Frames("c1", first),
            Note("c2", "session_started", """{"event":"session_started","epoch":1,"assets":["c"]}"""),
            .. Frames("c2", second[..1]), // the PONG never arrived
            Note("c2", "session_ended", """{"event":"session_ended","epoch":1,"reason":"Stale","detail":"no market data for 61 s while subscribed"}"""),
        ];

        var report = BarrierReport.Describe(sent, records);

        Assert.Contains("connections that differ", report, StringComparison.Ordinal);
        Assert.Contains("venue #2 (127.0.0.1:2, 1 tokens) sent 2 frames, closed: aborted", report, StringComparison.Ordinal);
        Assert.Contains("client sent 2 frames, last [subscribe | PING]", report, StringComparison.Ordinal);
        Assert.Contains("recorder c2#1 (1 assets) archived 1 frames (sequences 1..1), last [book], ended Stale (no market data for 61 s while subscribed)", report, StringComparison.Ordinal);
        Assert.Contains("matched 1: #1=c1#1:2", report, StringComparison.Ordinal);
        Assert.DoesNotContain("venue #1 ", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorder_that_kept_up_is_reported_as_archiving_every_connection_exactly()
    {
        await using var harness = await RecorderHarness.StartAsync(markets: 12, assetsPerConnection: 8);
        await harness.WaitForAllSnapshotsAsync();
        harness.Step(50);
        await harness.BarrierAsync();

        var report = await BarrierReport.DescribeAsync(harness, harness.Simulator.Hub.Connections, harness.Recorder.Pipeline.Frames, harness.Simulator.Hub.PendingFrames);

        Assert.Contains("every connection archived exactly", report, StringComparison.Ordinal);
        Assert.Contains("matched 3: ", report, StringComparison.Ordinal);
        Assert.Contains("pool now: c1#1 Receiving", report, StringComparison.Ordinal);
    }

    private static MarketConnectionTruth Venue(long id, string[] frames)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var frame in frames)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(frame));
        }

        return new MarketConnectionTruth(
            id, $"127.0.0.1:{id}", DateTimeOffset.UnixEpoch, Open: id == 1, SubscribedTokens: id == 1 ? 2 : 1, frames.Length, 0,
            Convert.ToHexStringLower(sha.GetHashAndReset()), id == 1 ? null : "aborted", 2, ["subscribe", "PING"]);
    }

    private static IEnumerable<ArchiveRecord> Frames(string connection, string[] frames) => frames.Select((frame, i) => new ArchiveRecord
    {
        Kind = ArchiveRecordKind.Ws,
        Connection = connection,
        Epoch = 1,
        ConnectionSequence = i + 1,
        EventType = frame.StartsWith('{') ? frame[15..^2] : "pong",
        Payload = Encoding.UTF8.GetBytes(frame),
    });

    private static ArchiveRecord Note(string connection, string type, string json) => new()
    {
        Kind = ArchiveRecordKind.Note,
        Connection = connection,
        Epoch = 1,
        EventType = type,
        Payload = Encoding.UTF8.GetBytes(json),
    };
}
