using System.Security.Cryptography;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Simulator.MarketChannel;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// The recorder's archive checked against the simulator's ground truth: what each server connection sent (frame count and
/// SHA-256 of the payloads in order) must be what one connection epoch of the archive holds, byte for byte.
/// </summary>
internal static class ArchiveTruth
{
    /// <summary>Reads every record after asserting that each file is sealed and verifies and that the global sequence has no gap.</summary>
    public static async Task<List<ArchiveRecord>> ReadSealedAsync(string directory)
    {
        var files = ArchiveReader.ListFiles(directory);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.False(file.EndsWith(".open", StringComparison.Ordinal), $"{file} was not sealed");
            var verification = await ArchiveReader.VerifyAsync(file);
            Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        }

        var records = ArchiveReader.Read(files).ToList();
        Assert.True(records.Zip(records.Skip(1)).All(p => p.Second.Sequence == p.First.Sequence + 1), "the global sequence has no gaps");
        return records;
    }

    /// <summary>
    /// Asserts that every server connection that sent frames is one archived connection epoch holding exactly those frames,
    /// in order, numbered 1..N, and that no epoch is archived twice or without a server connection behind it.
    /// With <paramref name="dropsMayLoseTail"/> (connections aborted without a close frame, whose TCP reset may discard what
    /// the client had not read yet, or closed by the recorder while the venue still sends) an epoch may instead hold fewer
    /// frames than its connection sent, never more, still numbered 1..N, and a closed connection may have left no epoch.
    /// Returns the archived epochs.
    /// </summary>
    public static List<ArchivedEpoch> AssertEveryFrameArchivedOnceInOrder(
        IReadOnlyList<ArchiveRecord> records, IReadOnlyList<MarketConnectionTruth> sent, bool dropsMayLoseTail = false)
    {
        var epochs = records.Where(r => r.Kind == ArchiveRecordKind.Ws)
            .GroupBy(r => (r.Connection, r.Epoch))
            .Select(g => ArchivedEpoch.Of(g.Key.Connection, g.Key.Epoch, [.. g]))
            .ToList();
        var unmatched = sent.Where(s => s.FramesSent > 0).ToList();
        var unexplained = new List<ArchivedEpoch>();
        foreach (var epoch in epochs)
        {
            Assert.True(
                epoch.Sequences.SequenceEqual(Enumerable.Range(1, epoch.Frames).Select(i => (long)i)),
                $"{epoch.Name}: connection sequences are not 1..{epoch.Frames} (a frame lost, repeated or reordered)");
            var match = unmatched.FindIndex(s => s.FramesSent == epoch.Frames && string.Equals(s.Sha256, epoch.Sha256, StringComparison.OrdinalIgnoreCase));
            if (match >= 0)
            {
                unmatched.RemoveAt(match);
            }
            else
            {
                unexplained.Add(epoch);
            }
        }

        if (dropsMayLoseTail)
        {
            // Each short epoch pairs with a distinct dropped connection that sent at least as many frames.
            foreach (var epoch in unexplained.OrderByDescending(e => e.Frames))
            {
                var match = unmatched.FindIndex(s => s.FramesSent >= epoch.Frames);
                Assert.True(match >= 0, $"{epoch.Name}: {epoch.Frames} frames archived, but no server connection sent that many");
                unmatched.RemoveAt(match);
            }

            unexplained.Clear();

            // A connection closed before the client read any of its frames leaves no epoch at all.
            unmatched.RemoveAll(s => !s.Open);
        }

        Assert.True(unexplained.Count == 0, "archived epochs whose frames are not what any server connection sent: " + string.Join(", ", unexplained.Select(e => $"{e.Name} ({e.Frames} frames)")));
        Assert.True(unmatched.Count == 0, "server connections whose frames were not archived: " + string.Join(", ", unmatched.Select(s => $"#{s.Id} ({s.FramesSent} frames, {s.CloseReason})")));
        return epochs;
    }

    /// <summary>The continuity transitions in the archive, in order.</summary>
    public static List<ArchivedTransition> Transitions(IEnumerable<ArchiveRecord> records) =>
    [
        .. records.Where(r => r.Kind == ArchiveRecordKind.Continuity).Select(r =>
        {
            var json = JsonDocument.Parse(r.Payload).RootElement;
            return new ArchivedTransition(
                json.GetProperty("asset").GetString()!, json.GetProperty("from").GetString()!, json.GetProperty("to").GetString()!, json.GetProperty("cause").GetString()!);
        }),
    ];
}

/// <summary>One connection epoch of the archive: its frames' connection sequences and the SHA-256 of their payloads in order.</summary>
internal sealed record ArchivedEpoch(string Connection, int Epoch, int Frames, long[] Sequences, string Sha256, ArchiveRecord[] Records)
{
    public string Name => $"{Connection}#{Epoch}";

    public static ArchivedEpoch Of(string connection, int epoch, ArchiveRecord[] records)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var record in records)
        {
            sha.AppendData(record.Payload.Span);
        }

        return new ArchivedEpoch(connection, epoch, records.Length, [.. records.Select(r => r.ConnectionSequence)], Convert.ToHexStringLower(sha.GetHashAndReset()), records);
    }
}

/// <summary>A continuity record: <c>{"asset","from","to","cause"}</c>.</summary>
internal sealed record ArchivedTransition(string Asset, string From, string To, string Cause);
