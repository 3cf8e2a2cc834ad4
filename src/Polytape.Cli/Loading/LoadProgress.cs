using System.Globalization;
using Polytape.Stores.Loading;
using Spectre.Console;

namespace Polytape.Cli.Loading;

/// <summary>
/// Shows a load's progress: a Spectre.Console bar when the output is an interactive terminal, otherwise one plain line
/// every few seconds (logs and CI stay readable).
/// </summary>
internal abstract class LoadProgress
{
    /// <summary>Plain lines are for logs: often enough to show life, rarely enough to stay short.</summary>
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    public static LoadProgress For(TextWriter output, StoreLoader loader, long archiveLastSequence) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? new BarProgress(loader, archiveLastSequence)
            : new LineProgress(output, loader);

    public abstract Task<T> RunAsync<T>(Func<Task<T>> load, CancellationToken cancellationToken);

    private sealed class BarProgress(StoreLoader loader, long archiveLastSequence) : LoadProgress
    {
        public override Task<T> RunAsync<T>(Func<Task<T>> load, CancellationToken cancellationToken) =>
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask($"loading into {loader.Store.Description}");
                    var work = load();
                    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200), TimeProvider.System);
                    while (!work.IsCompleted)
                    {
                        bar.MaxValue = Math.Max(1, Math.Max(archiveLastSequence, loader.ArchiveLastSequence));
                        bar.Value = loader.Position;
                        bar.Description = string.Create(CultureInfo.InvariantCulture, $"{loader.RowsWritten:N0} rows");
                        await Task.WhenAny(work, timer.WaitForNextTickAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                    }

                    bar.Value = bar.MaxValue;
                    return await work.ConfigureAwait(false);
                });
    }

    private sealed class LineProgress(TextWriter output, StoreLoader loader) : LoadProgress
    {
        public override async Task<T> RunAsync<T>(Func<Task<T>> load, CancellationToken cancellationToken)
        {
            var work = load();
            using var timer = new PeriodicTimer(LineInterval, TimeProvider.System);
            while (!work.IsCompleted)
            {
                var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(work, tick).ConfigureAwait(false) == tick)
                {
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"polytape load: seq {loader.Position:N0} of {loader.ArchiveLastSequence:N0}, {loader.RecordsLoaded:N0} records, {loader.RowsWritten:N0} rows, {loader.Errors} errors")).ConfigureAwait(false);
                }
            }

            return await work.ConfigureAwait(false);
        }
    }
}
