using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Polytape.Archive;
using Polytape.Cli.Loading;
using Polytape.Stores;
using Polytape.Stores.Loading;

namespace Polytape.Cli.Commands;

/// <summary>
/// <c>polytape load --from ARCHIVE --to STORE</c>: builds or rebuilds a store from archive files. Rows of the loaded
/// sequence range are replaced, so a reload gives the same rows; <c>--resume</c> continues after the store's position.
/// </summary>
public static class LoadCommand
{
    public const int Failed = 2;

    public static Command Create()
    {
        var from = new Option<DirectoryInfo>("--from")
        {
            Description = "Archive directory (sealed files and the flushed records of .open files).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("data", "archive")),
        };
        var to = new Option<StoreSpec>("--to")
        {
            Description = "Store: " + StoreSpec.Syntax + ".",
            DefaultValueFactory = _ => new StoreSpec(StoreKind.Sqlite, "data/polytape.db"),
            CustomParser = ParseStore,
        };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Load records received at or after this UTC time (ISO 8601, e.g. 2026-11-22T12:00:00Z).", CustomParser = ParseTime };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Stop before the first record received at or after this UTC time.", CustomParser = ParseTime };
        var resume = new Option<bool>("--resume") { Description = "Start after the store's last loaded sequence instead of at the beginning." };
        var keepAll = new Option<bool>("--keep-all") { Description = "Skip retention after loading (by default level changes older than 30 days, snapshots and trades older than 90 go)." };
        var batch = new Option<int?>("--batch")
        {
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"Archive records per batch (one transaction, or one insert per table); default {StoreLoaderOptions.DefaultBatchRecords:N0}, {StoreLoaderOptions.ClickHouseBatchRecords:N0} for ClickHouse."),
        };
        batch.Validators.Add(r => { if (r.GetValueOrDefault<int?>() < 1) { r.AddError("--batch must be at least 1."); } });

        var command = new Command("load", "Load archive files into a store (SQLite, PostgreSQL or ClickHouse), replacing the rows of the loaded range.")
        {
            from, to, since, until, resume, keepAll, batch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var archive = parse.GetValue(from)!;
            if (!archive.Exists)
            {
                await error.WriteLineAsync($"polytape load: the archive directory {archive.FullName} does not exist: give --from DIR.").ConfigureAwait(false);
                return Failed;
            }

            var window = new LoadWindow { Since = parse.GetValue(since), Until = parse.GetValue(until), Resume = parse.GetValue(resume) };
            var options = new StoreLoaderOptions { BatchRecords = parse.GetValue(batch), MaxAttempts = 3 };
            try
            {
                await using var store = StoreFactory.Create(parse.GetValue(to)!);
                var loader = new StoreLoader(store, archive.FullName, options);
                var progress = LoadProgress.For(output, loader, ArchiveLastSequence(archive.FullName));
                var result = await progress.RunAsync(
                    () => loader.LoadAsync(window, retention: !parse.GetValue(keepAll), cancellationToken), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Summary(store, loader, result)).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is StoreException or ArchiveException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"polytape load: {e.Message}").ConfigureAwait(false);
                return Failed;
            }
        });
        return command;
    }

    private static string Summary(IStore store, StoreLoader loader, LoadResult result)
    {
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
        var range = result.Records == 0 ? "nothing to load" : $"seq {result.FirstSequence}-{result.LastSequence}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"polytape load: {result.Records:N0} records ({range}) → {result.Rows:N0} rows in {result.Batches:N0} batches, {result.Elapsed.TotalSeconds:F1} s ({result.Rows / seconds:N0} rows/s) into {store.Description}; position {result.Position}; {Retention(result.RetentionDeleted)}; {loader.MalformedFrames:N0} malformed frames; {loader.Errors:N0} errors");
    }

    private static string Retention(long deleted) => deleted switch
    {
        < 0 => "retention dropped old partitions",
        _ => string.Create(CultureInfo.InvariantCulture, $"retention deleted {deleted:N0} rows"),
    };

    /// <summary>The highest sequence the manifests and file names show (for the progress bar's end).</summary>
    private static long ArchiveLastSequence(string directory)
    {
        long last = 0;
        foreach (var file in ArchiveReader.ListFiles(directory))
        {
            try
            {
                last = Math.Max(last, file.EndsWith(".open", StringComparison.Ordinal) ? 0 : ArchiveReader.ReadManifest(file).LastSequence);
            }
            catch (Exception e) when (e is IOException or ArchiveException or System.Text.Json.JsonException)
            {
                // No usable manifest: the bar grows as records are read.
            }
        }

        return last;
    }

    private static StoreSpec ParseStore(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (StoreSpec.TryParse(text, out var spec, out var problem))
        {
            return spec;
        }

        result.AddError("--to: " + problem);
        return null!;
    }

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        result.AddError($"'{text}' is not a time: use ISO 8601 such as 2026-11-22T12:00:00Z or 2026-11-22.");
        return null;
    }
}
