using Polytape.Archive;
using Polytape.Collector.Configuration;
using Polytape.Collector.Recording;
using Polytape.Collector.Status;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

/// <summary><c>polytape record</c> with PostgreSQL or ClickHouse configured fills them live, beside the embedded SQLite store.</summary>
public sealed class RecorderLiveLoadingTests
{
    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.ClickHouse)]
    public async Task Recording_fills_a_configured_server_store_with_the_true_books(StoreKind kind)
    {
        using var postgres = kind == StoreKind.PostgreSql ? new PostgresDatabase() : null;
        using var clickHouse = kind == StoreKind.ClickHouse ? new ClickHouseDatabase() : null;
        using var directory = new TempDirectory();
        await using var simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            Universe = new UniverseOptions { Seed = 5, BinaryMarkets = 4, NegRiskEvents = 0, RollingCoins = [] },
        });
        string[] tokens;
        lock (simulator.Engine.Gate)
        {
            tokens = [.. simulator.Engine.Universe.Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id })];
        }

        var config = new RecorderConfig();
        config.Discovery.GammaUrl = simulator.GammaUri;
        config.WebSocket.Url = simulator.MarketWebSocketUri;
        config.Rest.ClobUrl = simulator.ClobUri;
        config.Rest.VerifyInterval = TimeSpan.Zero;
        config.Archive.Directory = Path.Combine(directory.Path, "archive");
        config.Storage.Sqlite.Path = Path.Combine(directory.Path, "polytape.db");
        config.Storage.PostgreSql.ConnectionString = postgres?.ConnectionString;
        // The recorder's setting is the HTTP interface's URL (the database is its path).
        config.Storage.ClickHouse.Url = clickHouse is null ? null : new Uri(clickHouse.Spec().Replace("clickhouse://", "http://", StringComparison.Ordinal));
        config.Observability.Listen = "off";
        config.Observability.StatusFile = string.Empty;
        config.Observability.StatusLine = StatusLineMode.Off;

        var recorder = await Recorder.StartAsync(config, new RecorderRuntime());
        await using (recorder)
        {
            await WaitUntilAsync(() => recorder.GetStatus().Assets.Live == tokens.Length, "every token Live");
            lock (simulator.Engine.Gate)
            {
                simulator.Engine.Step(300);
            }

            // Every frame the simulator wrote has been applied (and handed to the archive) before the stop.
            await WaitUntilAsync(
                () => simulator.Hub.PendingFrames == 0 && recorder.FramesApplied >= simulator.Hub.Connections.Sum(c => c.FramesSent), "every frame applied");
            await recorder.StopAsync();
        }

        var truth = simulator.TrueBooks(tokens);
        var lastSequence = ArchiveReader.Read(ArchiveReader.ListFiles(config.Archive.Directory)).Max(r => r.Sequence);
        var spec = kind == StoreKind.PostgreSql ? new StoreSpec(kind, postgres!.ConnectionString) : StoreSpec.Parse(clickHouse!.Spec());
        foreach (var target in new[] { spec, new StoreSpec(StoreKind.Sqlite, config.Storage.Sqlite.Path) })
        {
            await using var store = StoreFactory.Create(target);
            Assert.Equal(lastSequence, await store.GetPositionAsync());
            foreach (var id in tokens)
            {
                var book = await store.ReadBookAsync(id, lastSequence);
                Assert.NotNull(book);
                Assert.Equal(truth[id].Bids.Reverse(), book.Bids);
                Assert.Equal(truth[id].Asks.Reverse(), book.Asks);
            }
        }
    }

    /// <summary>Re-reads a condition every few milliseconds until it holds (the condition is the synchronisation); fails after 30 s.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }
}
