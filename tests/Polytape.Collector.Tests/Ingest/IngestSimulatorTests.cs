using System.Security.Cryptography;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Domain.Continuity;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Recording from the simulator: zero loss per connection, exact books, continuity in the log.</summary>
public sealed class IngestSimulatorTests
{
    [Fact]
    public async Task Recording_ArchivesEveryFrameOnceInOrderPerConnection_AndLiveBooksEqualTheTruth()
    {
        await using var ingest = await SimulatorIngest.StartAsync();
        var tokens = ingest.Tokens;
        await ingest.RunAsync(tokens[..18], tokens[18..38]);
        for (var i = 0; i < 5; i++)
        {
            ingest.Step(600);
        }

        await ingest.BarrierAsync(tokens[38], tokens[39]);

        // Every asset is Live and its book is the simulator's true book.
        var truth = ingest.TrueBooks();
        var local = await ingest.Pipeline.InvokeAsync(keeper => tokens.ToDictionary(
            id => id,
            id => keeper.TryGetAsset(id, out var asset) ? (asset.State, asset.Book.Bids.WireOrder.ToArray(), asset.Book.Asks.WireOrder.ToArray()) : default));
        Assert.All(tokens, id =>
        {
            Assert.Equal(ContinuityState.Live, local[id].State);
            Assert.Equal(truth[id].Bids, local[id].Item2);
            Assert.Equal(truth[id].Asks, local[id].Item3);
        });
        Assert.True(ingest.Pipeline.Statistics.EventsOf(Polymarket.MarketChannel.MarketEventType.PriceChange) > 100, "the engine should have produced price changes");

        await ingest.StopAsync();

        // Read the sealed archive back: per connection, sequences 1..N in order, and the exact bytes the server sent.
        var records = ArchiveReader.Read(ArchiveReader.ListFiles(ingest.Directory.Path)).ToList();
        var sent = ingest.Simulator.Hub.Connections.Select(c => (c.FramesSent, c.Sha256)).ToHashSet();
        foreach (var connection in records.Where(r => r.Kind == ArchiveRecordKind.Ws).GroupBy(r => (r.Connection, r.Epoch)))
        {
            var frames = connection.ToList();
            Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), frames.Select(f => f.ConnectionSequence));
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var frame in frames)
            {
                sha.AppendData(frame.Payload.Span);
            }

            var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            Assert.Contains(sent, s => s.FramesSent == frames.Count && string.Equals(s.Sha256, digest, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(2, records.Where(r => r.Kind == ArchiveRecordKind.Ws).Select(r => r.Connection).Distinct().Count());
        Assert.True(records.Zip(records.Skip(1)).All(p => p.Second.Sequence == p.First.Sequence + 1), "global sequence has no gaps");

        // Every token's Syncing → Live transition is in the log, after the frame that caused it.
        var live = records.Where(r => r.Kind == ArchiveRecordKind.Continuity)
            .Select(r => JsonDocument.Parse(r.Payload).RootElement)
            .Where(e => e.GetProperty("to").GetString() == "live")
            .Select(e => e.GetProperty("asset").GetString()!)
            .ToHashSet();
        Assert.Superset(tokens.ToHashSet(), live);
        Assert.Equal(2, records.Count(r => r.Kind == ArchiveRecordKind.Subscription));
    }
}
