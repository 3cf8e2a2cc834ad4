using Microsoft.Extensions.Logging;
using Polytape.Collector.Configuration;
using Polytape.Stores;
using Polytape.Stores.Loading;

namespace Polytape.Collector.Recording;

/// <summary>
/// The stores <c>polytape record</c> fills live: one loader per configured database, each following the archive from
/// its own durable position. A store that is down only makes its loader retry and fall behind (its lag says by how
/// much); recording never waits for it. At stop, after the archive is sealed, each loader catches up once more.
/// </summary>
internal sealed class RecorderStores : IAsyncDisposable
{
    private static readonly TimeSpan FinalCatchUpLimit = TimeSpan.FromSeconds(30);

    private static readonly LoadWindow CatchUp = new() { Resume = true };

    private readonly List<(StoreLoader Loader, StoreLoaderMetrics Metrics)> _loaders;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];

    private RecorderStores(List<(StoreLoader, StoreLoaderMetrics)> loaders, ILogger logger)
    {
        _loaders = loaders;
        _logger = logger;
    }

    public IReadOnlyList<StoreLoader> Loaders => _loaders.ConvertAll(l => l.Loader);

    /// <summary>
    /// The slowest loader's lag behind <paramref name="archiveLastSequence"/> in records (null with no store). Tells every
    /// loader where the archive is, so a loader that cannot read (its store is down) still shows how far behind it is.
    /// </summary>
    public long? LagBehind(long archiveLastSequence)
    {
        if (_loaders.Count == 0)
        {
            return null;
        }

        foreach (var (loader, _) in _loaders)
        {
            loader.ObserveArchiveSequence(archiveLastSequence);
        }

        return _loaders.Max(l => l.Loader.Lag);
    }

    public static RecorderStores Create(RecorderConfig config, TimeProvider time, ILoggerFactory loggers)
    {
        var specs = new List<StoreSpec>();
        var storage = config.Storage;
        if (storage.Sqlite.Enabled)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(storage.Sqlite.Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            specs.Add(new StoreSpec(StoreKind.Sqlite, storage.Sqlite.Path));
        }

        if (!string.IsNullOrWhiteSpace(storage.PostgreSql.ConnectionString))
        {
            specs.Add(new StoreSpec(StoreKind.PostgreSql, storage.PostgreSql.ConnectionString));
        }

        if (storage.ClickHouse.Url is { } clickHouse)
        {
            specs.Add(new StoreSpec(StoreKind.ClickHouse, clickHouse.ToString()));
        }

        var loaders = specs
            .Select(spec => new StoreLoader(StoreFactory.Create(spec), config.Archive.Directory, new StoreLoaderOptions(), time, loggers.CreateLogger<StoreLoader>()))
            .Select(loader => (loader, new StoreLoaderMetrics(loader)))
            .ToList();
        return new RecorderStores(loaders, loggers.CreateLogger<RecorderStores>());
    }

    public void Start()
    {
        foreach (var (loader, _) in _loaders)
        {
            _runs.Add(Task.Run(() => loader.RunAsync(_stop.Token), CancellationToken.None));
        }
    }

    /// <summary>Stops following and loads what the sealed archive holds beyond each store's position (bounded in time).</summary>
    public async Task FinishAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var run in _runs)
        {
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        foreach (var (loader, _) in _loaders)
        {
            using var limit = new CancellationTokenSource(FinalCatchUpLimit);
            try
            {
                // Resume: only the records after the store's position. Without it the catch-up reloaded the whole
                // archive from sequence 1 at every stop, and on a long archive ran out of time before the tail.
                await loader.LoadAsync(CatchUp, retention: false, cancellationToken: limit.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is StoreException or OperationCanceledException)
            {
                // The store is down or slow: the archive has everything, and the next run (or `polytape load`) catches up.
                Log.StoreCatchUpFailed(_logger, loader.Store.Description, error.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (loader, metrics) in _loaders)
        {
            metrics.Dispose();
            await loader.Store.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
