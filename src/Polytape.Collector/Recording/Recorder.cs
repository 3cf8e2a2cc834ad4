using Microsoft.Extensions.Logging;
using Polytape.Archive;
using Polytape.Collector.Configuration;
using Polytape.Collector.Discovery;
using Polytape.Collector.Ingest;
using Polytape.Collector.Observability;
using Polytape.Collector.Rest;
using Polytape.Collector.Status;
using Polytape.Collector.Subscriptions;
using Polytape.Collector.Verification;

namespace Polytape.Collector.Recording;

/// <summary>
/// <c>polytape record</c>: discovery feeds the desired set to the connection pool, every frame goes through the ingest
/// sequencer into the archive and the book keeper, the REST verifier samples books, and the status, metrics and
/// status line say how it is going. <see cref="StopAsync"/> stops reading, drains what was received and seals the
/// archive; a disk failure stops the recorder the same way and surfaces as <see cref="Fault"/>.
/// </summary>
public sealed partial class Recorder : IAsyncDisposable
{
    private readonly RecorderConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ArchiveWriter _archive;
    private readonly PolytapeMetrics _metrics;
    private readonly IngestPipeline _pipeline;
    private readonly FeedPool _pool;
    private readonly GammaClient _gamma;
    private readonly MarketDiscovery _discovery;
    private readonly ClobRestClient _rest;
    private readonly RestVerifier? _verifier;
    private readonly RecorderStatusBuilder _status;
    private readonly ComponentFaults _faults;
    private readonly RecorderStores _stores;
    private readonly CancellationTokenSource _reading = new();
    private readonly CancellationTokenSource _background = new();
    private readonly List<IDisposable> _reporters = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _poolTask = Task.CompletedTask;
    private Task _pipelineTask = Task.CompletedTask;
    private Task _discoveryTask = Task.CompletedTask;
    private Task _verifierTask = Task.CompletedTask;
    private RecorderWebHost? _web;
    private int _stopping;

    private Recorder(RecorderConfig config, RecorderRuntime runtime, ArchiveWriter archive)
    {
        _config = config;
        _time = runtime.Time;
        _logger = runtime.LoggerFactory.CreateLogger<Recorder>();
        _archive = archive;
        _faults = new ComponentFaults(_time);
        _metrics = new PolytapeMetrics();
        _pipeline = new IngestPipeline(archive, _time, runtime.Ingest, metrics: _metrics, logger: runtime.LoggerFactory.CreateLogger<IngestPipeline>());
        var sessions = new SessionHistory(_time);
        _pool = new FeedPool(
            config.ToPoolOptions(), new SessionTrackingSink(_pipeline, sessions), _time, runtime.LoggerFactory, archive, runtime.SocketFactory);
        var discoveryOptions = config.ToDiscoveryOptions();
        _gamma = new GammaClient(runtime.CreateHttpClient(), discoveryOptions, _time, archive);
        _discovery = new MarketDiscovery(
            _gamma, discoveryOptions, new CatalogSubscriber(_pipeline, _pool, new ShardFilter(config.Shard)), _time, archive,
            runtime.LoggerFactory.CreateLogger<MarketDiscovery>());
        var bridge = new PoolBridge(_pool, runtime.SnapshotApplied);
        _pipeline.SetObservers(bridge, new NoticeBridge(_discovery));
        _pool.DiscoveryRefreshRequested += _discovery.RequestRefresh;
        _rest = new ClobRestClient(runtime.CreateHttpClient(), archive, _time, config.ToClobOptions(), _metrics, runtime.LoggerFactory.CreateLogger<ClobRestClient>());
        if (config.ToVerifierOptions() is { } verifierOptions)
        {
            _verifier = new RestVerifier(_pipeline, _rest, bridge, _time, verifierOptions, runtime.LoggerFactory.CreateLogger<RestVerifier>());
        }

        _stores = RecorderStores.Create(config, _time, runtime.LoggerFactory);
        _status = new RecorderStatusBuilder(
            _time, _time.GetUtcNow(), config.Shard?.ToString(), _pool, _pipeline, _discovery, archive, sessions, _faults, () => _stores.LagBehind(archive.LastSequence));
        Observe();
    }

    /// <summary>The address serving /metrics, /health, /ready and /status; null when the listener is off.</summary>
    public Uri? ListenUri => _web?.Address;

    /// <summary>Why the recorder stopped on its own (a disk failure, a dead ingest loop); null while healthy or after a normal stop.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Completes when the recorder has stopped, on request or on a fault.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Frames taken from the sockets, applied to the books and handed to the archive so far.</summary>
    public long FramesApplied => _pipeline.Frames;

    internal IngestPipeline Pipeline => _pipeline;

    internal FeedPool Pool => _pool;

    internal MarketDiscovery Discovery => _discovery;

    internal RestVerifier? Verifier => _verifier;

    internal ArchiveWriter Archive => _archive;

    internal RecorderStores Stores => _stores;

    /// <summary>Opens the archive (repairing what a crash left), starts every component and the HTTP endpoints.</summary>
    public static async Task<Recorder> StartAsync(RecorderConfig config, RecorderRuntime runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runtime);
        var problems = config.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        var archive = await ArchiveWriter.OpenAsync(
            config.Archive.ToArchiveOptions(), runtime.Time, runtime.LoggerFactory.CreateLogger<ArchiveWriter>(), cancellationToken).ConfigureAwait(false);
        Recorder recorder;
        try
        {
            recorder = new Recorder(config, runtime, archive);
        }
        catch
        {
            // A component refused its settings: release the archive (and its directory lock) before reporting it.
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await recorder.StartComponentsAsync(cancellationToken).ConfigureAwait(false);
            return recorder;
        }
        catch
        {
            await recorder.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public RecorderStatus GetStatus() => _status.Build();

    private async Task StartComponentsAsync(CancellationToken cancellationToken)
    {
        _pipelineTask = Task.Run(() => _pipeline.RunAsync(_background.Token), CancellationToken.None);
        _poolTask = Task.Run(() => _pool.RunAsync(_reading.Token), CancellationToken.None);
        _discoveryTask = Task.Run(() => _discovery.RunAsync(_reading.Token), CancellationToken.None);
        if (_verifier is not null)
        {
            _verifierTask = Task.Run(() => _verifier.RunAsync(_reading.Token), CancellationToken.None);
        }

        _stores.Start();
        var observability = _config.Observability;
        if (observability.ListenEnabled)
        {
            _web = await RecorderWebHost.StartAsync(observability.ListenUrl, GetStatus, cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(observability.StatusFile))
        {
            var file = new StatusFileWriter(observability.StatusFile, observability.StatusInterval, GetStatus, _time, _logger);
            file.Start();
            _reporters.Add(file);
        }

        if (StatusLineWriter.ForConsole(observability.StatusLine, GetStatus, _time) is { } line)
        {
            line.Start();
            _reporters.Add(line);
        }

        _ = WatchAsync();
        var listening = _web is null ? "off" : _web.Address.ToString();
        Log.RecorderStarted(_logger, _config.Archive.Directory, listening);
    }

    /// <summary>A component that dies on its own (the archive on a full disk, above all) stops the whole recorder cleanly.</summary>
    private async Task WatchAsync()
    {
        List<Task> watched = [_archive.Completion, _pipelineTask, _poolTask, _discoveryTask, _stopped.Task];
        if (_verifier is not null)
        {
            watched.Add(_verifierTask);
        }

        var first = await Task.WhenAny(watched).ConfigureAwait(false);
        if (first == _stopped.Task || Volatile.Read(ref _stopping) != 0)
        {
            return;
        }

        Fault = first.Exception?.GetBaseException() ?? new InvalidOperationException("A recorder component stopped unexpectedly.");
        _faults.Faulted(NameOf(first), Fault.Message);
        Log.RecorderFaulted(_logger, Fault.Message, Fault);
        await StopAsync().ConfigureAwait(false);
    }

    private string NameOf(Task task) =>
        task == _archive.Completion ? "archive"
        : task == _pipelineTask ? "ingest"
        : task == _poolTask ? "connections"
        : task == _discoveryTask ? "discovery"
        : "verifier";

    private void Observe()
    {
        _metrics.ObserveIngest(_pipeline);
        _metrics.ObserveArchive(_archive);
        _metrics.ObserveRest(_rest);
        if (_verifier is not null)
        {
            _metrics.ObserveVerifier(_verifier);
        }

        _metrics.ObservePool(
            () => _pool.GetStatus().Connections.Sum(c => c.Reconnects),
            () => _pool.GetStatus().Connections.Count,
            () => _pool.GetStatus().AssetsPendingSnapshot,
            () => _pool.GetStatus().Replacements,
            () => _pool.GetStatus().QuietBackoffs);
        _metrics.ObserveStorage(() => _stores.Loaders.Select(l => (l.Store.Kind.ToString().ToLowerInvariant(), l.RowsWritten, l.Errors, l.QueueDepth)));
        _metrics.ObserveDiscovery(
            () => _discovery.Statistics.TokensActive,
            () => _discovery.Statistics.TokensAdded,
            () => _discovery.Statistics.TokensRemoved);
    }
}
