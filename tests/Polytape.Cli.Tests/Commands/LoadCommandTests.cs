using System.Text;
using Polytape.Archive;
using Polytape.Stores.Sqlite;
using Polytape.TestSupport;

namespace Polytape.Cli.Tests.Commands;

public sealed class LoadCommandTests : IDisposable
{
    private const string Asset = "1001";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "polytape-cli-load-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Load_ArchiveIntoSqlite_PrintsASummaryAndTheStoreHoldsTheBook()
    {
        await WriteArchiveAsync();
        var database = Path.Combine(_directory, "out", "polytape.db");

        var (exit, stdout, stderr) = Run("load", "--from", Archive, "--to", "sqlite:" + database, "--keep-all");

        Assert.True(exit == 0, stderr);
        Assert.Contains("0 malformed frames", stdout, StringComparison.Ordinal);
        Assert.Contains("4 records (seq 1-4)", stdout, StringComparison.Ordinal);
        Assert.Contains("position 4", stdout, StringComparison.Ordinal);
        await using var store = new SqliteStore(database);
        var book = await store.ReadBookAsync(Asset, 4);
        Assert.NotNull(book);
        Assert.Equal(["0.49@20", "0.48@10"], book.Bids.Select(level => level.ToString()));
        Assert.Equal(["0.52@7"], book.Asks.Select(level => level.ToString()));
        Assert.Equal(1, (await store.CountRowsAsync())["continuity"]);
    }

    [Fact]
    public async Task Load_ByDefault_AppliesRetention_SoOldLevelChangesGoAndSnapshotsStay()
    {
        // Records 40 days old: past the 30 days of level changes, within the 90 days of snapshots.
        await WriteArchiveAsync(ArchiveRecord.ToMicros(TimeProvider.System.GetUtcNow().AddDays(-40)));
        var database = Path.Combine(_directory, "retained.db");

        var (exit, stdout, _) = Run("load", "--from", Archive, "--to", "sqlite:" + database);

        Assert.Equal(0, exit);
        Assert.Contains("retention deleted 2 rows", stdout, StringComparison.Ordinal);
        await using var store = new SqliteStore(database);
        var counts = await store.CountRowsAsync();
        Assert.Equal(0, counts["level_changes"]);
        Assert.Equal(1, counts["book_snapshots"]);
    }

    [Fact]
    public async Task Load_Twice_ReportsTheSameRowsAndKeepsThemOnce()
    {
        await WriteArchiveAsync();
        var database = Path.Combine(_directory, "twice.db");
        Run("load", "--from", Archive, "--to", "sqlite:" + database, "--keep-all");
        await using (var store = new SqliteStore(database))
        {
            var first = await store.CountRowsAsync();
            Run("load", "--from", Archive, "--to", "sqlite:" + database, "--keep-all");
            Assert.Equal(first, await store.CountRowsAsync());
        }
    }

    [Fact]
    public void Load_UnknownStoreSpec_IsAUsageErrorThatListsTheForms()
    {
        var (exit, _, stderr) = Run("load", "--from", _directory, "--to", "mysql://localhost/db");

        Assert.Equal(1, exit);
        Assert.Contains("sqlite:PATH", stderr, StringComparison.Ordinal);
        Assert.Contains("postgresql://", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingArchive_ExitsWithTwoAndNamesTheDirectory()
    {
        var (exit, _, stderr) = Run("load", "--from", "/nonexistent/archive", "--to", "sqlite:" + Path.Combine(_directory, "x.db"));

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/archive", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UnreachablePostgres_ExitsWithTwoAndSaysWhere()
    {
        await WriteArchiveAsync();

        // Port 1 on loopback refuses connections: nothing listens there.
        var (exit, _, stderr) = Run("load", "--from", Archive, "--to", "postgresql://polytape:secret@127.0.0.1:1/polytape");

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1/polytape", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_Batch_SetsTheRecordsPerBatch_AndWithoutItOneBatchHoldsTheFewRecords()
    {
        await WriteArchiveAsync();

        var (given, byBatch, _) = Run("load", "--from", Archive, "--to", "sqlite:" + Path.Combine(_directory, "batch.db"), "--keep-all", "--batch", "2");
        var (unset, byDefault, _) = Run("load", "--from", Archive, "--to", "sqlite:" + Path.Combine(_directory, "default.db"), "--keep-all");

        Assert.Equal(0, given);
        Assert.Contains("in 2 batches", byBatch, StringComparison.Ordinal);
        Assert.Equal(0, unset);
        Assert.Contains("in 1 batches", byDefault, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BatchBelowOne_IsAUsageError()
    {
        var (exit, _, stderr) = Run("load", "--from", _directory, "--to", "sqlite:" + Path.Combine(_directory, "x.db"), "--batch", "0");

        Assert.Equal(1, exit);
        Assert.Contains("--batch must be at least 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadTime_IsAUsageError()
    {
        var (exit, _, stderr) = Run("load", "--since", "yesterday-ish");

        Assert.Equal(1, exit);
        Assert.Contains("ISO 8601", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private string Archive => Path.Combine(_directory, "archive");

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApplication.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task WriteArchiveAsync(long startMicros = 1_790_000_000_000_000)
    {
        await using var writer = await ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = Archive }, new ManualTimeProvider());
        string[] payloads =
        [
            """{"condition_id":"0xabc","slug":"s","question":"Q?","tokens":[{"asset_id":"1001","outcome":"Yes"}]}""",
            """{"event_type":"book","market":"0xabc","asset_id":"1001","timestamp":"1790000000000","hash":"","bids":[{"price":"0.48","size":"10"},{"price":"0.49","size":"5"}],"asks":[{"price":"0.53","size":"3"},{"price":"0.52","size":"7"}]}""",
            """{"market":"0xabc","price_changes":[{"asset_id":"1001","price":"0.49","size":"20","side":"BUY","hash":"","best_bid":"0.49","best_ask":"0.52"},{"asset_id":"1001","price":"0.53","size":"0","side":"SELL","hash":"","best_bid":"0.49","best_ask":"0.52"}],"timestamp":"1790000000100","event_type":"price_change"}""",
            """{"asset":"1001","from":"Syncing","to":"Live","cause":"Snapshot","epoch":1}""",
        ];
        ArchiveRecordKind[] kinds = [ArchiveRecordKind.Catalog, ArchiveRecordKind.Ws, ArchiveRecordKind.Ws, ArchiveRecordKind.Continuity];
        for (var i = 0; i < payloads.Length; i++)
        {
            await writer.AppendAsync(new ArchiveRecord
            {
                Kind = kinds[i],
                Connection = "c1",
                Epoch = 1,
                ConnectionSequence = i + 1,
                ReceivedAtMicros = startMicros + i,
                Payload = Encoding.UTF8.GetBytes(payloads[i]),
            });
        }
    }
}
