using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;

namespace Polytape.Stores.Loading;

/// <summary>
/// Loads one store from the raw archive as an independent consumer: a reader normalises records after the store's
/// own durable position into batches, a bounded queue holds them, and a writer commits each with the position. When
/// the store fails the writer retries the same batch with capped exponential backoff; the archive keeps recording,
/// and the loader catches up when the store returns. <see cref="LoadAsync"/> loads once (<c>polytape load</c>);
/// <see cref="RunAsync"/> follows a live archive.
/// </summary>
public sealed class StoreLoader
{
    private readonly IStore _store;
    private readonly string _archive;
    private readonly StoreLoaderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecordNormaliser _normaliser = new();
    private readonly RowBatchSpares _spares = new();
    private long _position;
    private long _archiveLast;
    private long _rows;
    private long _records;
    private long _batches;
    private long _errors;
    private Exception? _lastError;
    private DateTimeOffset? _retentionDue;

    private Channel<RowBatch>? _queue;

    public StoreLoader(IStore store, string archiveDirectory, StoreLoaderOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(archiveDirectory);
        _store = store;
        _archive = archiveDirectory;
        _options = options ?? new StoreLoaderOptions();
        _options.Validate();
        BatchRecords = _options.BatchRecordsFor(store.Kind);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public IStore Store => _store;

    /// <summary>Records per batch: the options' <see cref="StoreLoaderOptions.BatchRecords"/>, or the store's default.</summary>
    public int BatchRecords { get; }

    /// <summary>The last sequence committed to the store.</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>The highest sequence seen in the archive (or reported by <see cref="ObserveArchiveSequence"/>).</summary>
    public long ArchiveLastSequence => Volatile.Read(ref _archiveLast);

    /// <summary>Records in the archive not yet in the store.</summary>
    public long Lag => Math.Max(0, ArchiveLastSequence - Position);

    public long RowsWritten => Volatile.Read(ref _rows);

    public long RecordsLoaded => Volatile.Read(ref _records);

    public long BatchesWritten => Volatile.Read(ref _batches);

    /// <summary>Failed attempts (each retried or, offline after the last attempt, reported).</summary>
    public long Errors => Volatile.Read(ref _errors);

    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>Batches read from the archive and waiting for the store (bounded by <see cref="StoreLoaderOptions.QueueCapacity"/>).</summary>
    public int QueueDepth => Volatile.Read(ref _queue)?.Reader.Count ?? 0;

    /// <summary>Frames the parser rejected while normalising.</summary>
    public long MalformedFrames => _normaliser.MalformedFrames;

    /// <summary>Lets the recorder report its writer's last sequence, so lag counts records not yet flushed to disk too.</summary>
    public void ObserveArchiveSequence(long sequence) => RaiseArchiveLast(sequence);

    /// <summary>Loads the window once, then applies retention (unless <paramref name="retention"/> is false).</summary>
    public async Task<LoadResult> LoadAsync(LoadWindow? window = null, bool retention = true, CancellationToken cancellationToken = default)
    {
        window ??= LoadWindow.All;
        var started = _time.GetTimestamp();
        var position = await RetryAsync(
            async ct =>
            {
                await _store.EnsureSchemaAsync(ct).ConfigureAwait(false);
                return await _store.GetPositionAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _position, position);
        long first = 0, last = 0;
        var queue = CreateQueue();
        var reader = Task.Run(
            () =>
            {
                try
                {
                    (first, last) = ReadWindow(queue.Writer, window, window.Resume ? position + 1 : 1, cancellationToken);
                    queue.Writer.Complete();
                }
                catch (Exception e)
                {
                    queue.Writer.Complete(e);
                    throw;
                }
            },
            cancellationToken);
        try
        {
            await WriteAllAsync(queue.Reader, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A failed writer stops the reader too (it may be waiting on a full queue).
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out _))
            {
            }
        }

        await reader.ConfigureAwait(false);
        long deleted = retention
            ? await _store.ApplyRetentionAsync(_options.Retention, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : 0;
        return new LoadResult(RecordsLoaded, RowsWritten, BatchesWritten, first, last, Position, deleted, _time.GetElapsedTime(started));
    }

    /// <summary>Follows the archive until cancelled: polls every <see cref="StoreLoaderOptions.PollInterval"/>, retries forever.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var position = await RetryAsync(
            async ct =>
            {
                await _store.EnsureSchemaAsync(ct).ConfigureAwait(false);
                return await _store.GetPositionAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _position, position);
        _retentionDue = _time.GetUtcNow();
        var queue = CreateQueue();
        Volatile.Write(ref _queue, queue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => FollowAsync(queue.Writer, position + 1, stop.Token), stop.Token);
        try
        {
            await WriteAllAsync(queue.Reader, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: committed batches are durable; the rest is reloaded from the archive next time.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Normal exit of the reader.
            }
        }
    }

    private Channel<RowBatch> CreateQueue() =>
        // Wait, not drop: the loader must not skip records; a full queue only slows reading, never recording.
        Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(_options.QueueCapacityFor(BatchRecords))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });

    private (long First, long Last) ReadWindow(ChannelWriter<RowBatch> queue, LoadWindow window, long fromSequence, CancellationToken cancellationToken)
    {
        var since = window.Since is { } s ? ArchiveRecord.ToMicros(s) : long.MinValue;
        var until = window.Until is { } u ? ArchiveRecord.ToMicros(u) : long.MaxValue;
        var batch = _spares.Rent();
        long first = 0, last = 0;
        // Each record is normalised before the next is read, and rows copy what they keep: the payload buffer can be reused.
        foreach (var record in ArchiveReader.ReadReusingPayloads(_archive, new ArchiveRange { FromSequence = fromSequence }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            RaiseArchiveLast(record.Sequence);
            if (first == 0 && record.ReceivedAtMicros < since)
            {
                continue;
            }

            if (record.ReceivedAtMicros >= until)
            {
                break;
            }

            first = first == 0 ? record.Sequence : first;
            last = record.Sequence;
            _normaliser.Add(record, batch);
            if (batch.Records >= BatchRecords)
            {
                Enqueue(queue, batch, cancellationToken);
                batch = _spares.Rent(sizedLike: batch);
            }
        }

        if (batch.Records > 0)
        {
            Enqueue(queue, batch, cancellationToken);
        }

        return (first, last);
    }

    private async Task FollowAsync(ChannelWriter<RowBatch> queue, long next, CancellationToken cancellationToken)
    {
        // The follower keeps the open file open between polls: each poll reads only what was appended.
        var follower = new ArchiveFollower(_archive, next - 1) { ReusePayloads = true };
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    ReadAvailable(queue, follower, cancellationToken);
                }
                catch (Exception e) when (e is IOException or ArchiveException)
                {
                    // A damaged file: count it and read again at the next poll (after the records already loaded).
                    Interlocked.Increment(ref _errors);
                    Volatile.Write(ref _lastError, e);
                    var last = follower.LastSequence;
                    follower.Dispose();
                    follower = new ArchiveFollower(_archive, last) { ReusePayloads = true };
                }

                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            follower.Dispose();
            queue.TryComplete();
        }
    }

    /// <summary>Normalises and enqueues every record the follower has; a partial batch is sent at the end of the poll.</summary>
    private void ReadAvailable(ChannelWriter<RowBatch> queue, ArchiveFollower follower, CancellationToken cancellationToken)
    {
        var batch = _spares.Rent();
        foreach (var record in follower.ReadAvailable())
        {
            cancellationToken.ThrowIfCancellationRequested();
            RaiseArchiveLast(record.Sequence);
            _normaliser.Add(record, batch);
            if (batch.Records >= BatchRecords)
            {
                Enqueue(queue, batch, cancellationToken);
                batch = _spares.Rent(sizedLike: batch);
            }
        }

        if (batch.Records > 0)
        {
            Enqueue(queue, batch, cancellationToken);
        }
        else
        {
            _spares.Return(batch);
        }
    }

    private static void Enqueue(ChannelWriter<RowBatch> queue, RowBatch batch, CancellationToken cancellationToken)
    {
        // The reader runs on its own thread (archive reads are synchronous): waiting here is the backpressure.
        if (!queue.TryWrite(batch))
        {
            queue.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task WriteAllAsync(ChannelReader<RowBatch> queue, CancellationToken cancellationToken)
    {
        await foreach (var batch in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await RetryAsync(
                async ct =>
                {
                    await _store.WriteAsync(batch, ct).ConfigureAwait(false);
                    return 0;
                },
                cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _rows, batch.RowCount);
            Interlocked.Add(ref _records, batch.Records);
            Interlocked.Increment(ref _batches);
            Volatile.Write(ref _position, Math.Max(Position, batch.LastSequence));
            // The store has its rows: the reader can fill the batch again.
            _spares.Return(batch);
            await ApplyRetentionWhenDueAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Live mode: retention after a batch once the interval has passed; a failure is counted and tried next time.</summary>
    private async Task ApplyRetentionWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_retentionDue is not { } due || now < due)
        {
            return;
        }

        _retentionDue = now + _options.RetentionInterval;
        try
        {
            var deleted = await _store.ApplyRetentionAsync(_options.Retention, now, cancellationToken).ConfigureAwait(false);
            Log.RetentionApplied(_logger, _store.Description, deleted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _errors);
            Volatile.Write(ref _lastError, e);
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var delay = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await action(cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                {
                    Log.StoreRecovered(_logger, _store.Description, attempt);
                }

                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref _errors);
                Volatile.Write(ref _lastError, e);
                if (e is StoreException { IsTransient: false } || (_options.MaxAttempts is { } max && attempt >= max))
                {
                    throw;
                }

                Log.StoreFailed(_logger, _store.Description, attempt, delay, e.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private void RaiseArchiveLast(long sequence)
    {
        long current;
        while (sequence > (current = Volatile.Read(ref _archiveLast))
            && Interlocked.CompareExchange(ref _archiveLast, sequence, current) != current)
        {
        }
    }
}
