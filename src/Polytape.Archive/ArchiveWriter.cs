using System.Buffers;
using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive.Envelopes;
using Polytape.Archive.Files;
using Polytape.Archive.Flow;
using Polytape.Archive.Recovery;

namespace Polytape.Archive;

/// <summary>
/// Appends records to the raw archive: a bounded queue in front of one writer loop that assigns the global
/// sequence, writes compressed JSON Lines (zstd by default) under <c>.open</c> names, flushes on time and count, and
/// seals files on rotation with a manifest. Open with <see cref="OpenAsync"/> (which first repairs what a crash left);
/// dispose to drain and seal. After a disk failure <see cref="Completion"/> faults with an
/// <see cref="ArchiveException"/> and appends throw it.
/// </summary>
public sealed partial class ArchiveWriter : IArchiveAppender, IAsyncDisposable
{
    /// <summary>
    /// Updates are well under 16 KB; a larger payload (an initial dump of 200 books is ~300 KB, a REST page ~150 KB) is
    /// allocated rather than pooled: the pool keeps up to a queue's worth of arrays per size, and a cold start of the
    /// whole universe would otherwise leave gigabytes of large arrays retained (measured: 4 GB heap at 300k assets).
    /// </summary>
    private const int MaxPooledPayloadBytes = 16 * 1024;

    /// <summary>Room for the buffers in the hands of producers and of the loop, beyond those in the queue.</summary>
    private const int PoolSlack = 64;

    private const int PerRecordOverheadBytes = 256;

    private readonly string _directory;
    private readonly TimeSpan _rotationPeriod;
    private readonly long _maxFileBytes;
    private readonly int _flushEveryRecords;
    private readonly CompressionLevel _compressionLevel;
    private readonly ArchiveFormat _format;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, Stream> _createStream;
    private readonly Channel<PendingRecord> _queue;
    private readonly ArrayPool<byte> _payloads;
    private readonly ByteBudget _budget;
    private readonly EnvelopeWriter _envelope = new();
    private readonly ITimer _ticker;
    private readonly Task _loop;
    private readonly FileStream _directoryLock;
    private ArchiveException? _fault;
    private int _disposed;

    private ArchiveWriter(
        ArchiveOptions options,
        TimeProvider time,
        ILogger logger,
        Func<string, Stream> createStream,
        FileStream directoryLock,
        ArchiveRecoveryResult recovery)
    {
        _directoryLock = directoryLock;
        _directory = options.Directory;
        _rotationPeriod = options.RotationPeriod;
        _maxFileBytes = options.MaxFileBytes;
        _flushEveryRecords = options.FlushEveryRecords;
        _compressionLevel = options.CompressionLevel;
        _format = options.Format;
        _time = time;
        _logger = logger;
        _createStream = createStream;
        Recovery = recovery;
        _nextSequence = recovery.LastSequence + 1;
        _lastSequence = recovery.LastSequence;
        _sealedThrough = recovery.LastSequence;

        // The archive is the log everything else is derived from: it never drops. When the disk falls behind, a full
        // queue makes AppendAsync wait, which slows the socket readers instead (and shows up in QueueDepth).
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });

        // The shared pool keeps a few dozen arrays per size, far fewer than a queue holds in a burst, so most copies
        // would allocate. This pool keeps as many as the queue can hold (its slots cost ~2 MB at the default capacity);
        // the arrays it retains are bounded by the peak backlog.
        _payloads = ArrayPool<byte>.Create(MaxPooledPayloadBytes, options.QueueCapacity + PoolSlack);
        _budget = new ByteBudget(options.QueueCapacityBytes);
        _loop = Task.Run(RunAsync);
        _ticker = time.CreateTimer(static state => ((ArchiveWriter)state!).OnTick(), this, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>What was found and repaired in the directory at open.</summary>
    public ArchiveRecoveryResult Recovery { get; }

    /// <summary>Items waiting for the writer loop; at the queue's capacity, appends wait.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Payload bytes of the records waiting (each charged a little more); at the byte budget, appends wait.</summary>
    public long QueueBytes => _budget.Held;

    /// <summary>Records written by this writer (handed to the compressor; durable after the next flush).</summary>
    public long RecordsWritten => Volatile.Read(ref _recordsWritten);

    /// <summary>Compressed bytes written to archive files by this writer.</summary>
    public long BytesWritten => Volatile.Read(ref _bytesWritten);

    /// <summary>The sequence of the last record written (or found at open); the next record gets the one after.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Completes when the writer has drained and sealed after dispose; faults with an <see cref="ArchiveException"/> if writing failed.</summary>
    public Task Completion => _loop;

    /// <summary>
    /// Repairs the directory (see <see cref="ArchiveRecoveryResult"/>) and starts a writer that continues the sequence.
    /// Throws <see cref="ArchiveException"/> when the directory cannot be written or recovery fails.
    /// </summary>
    public static Task<ArchiveWriter> OpenAsync(
        ArchiveOptions options, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options, timeProvider, logger, ArchiveStreams.CreateFile, cancellationToken);

    /// <summary>As the public overload, with the file-stream factory replaced (tests inject failing or stalling streams).</summary>
    internal static Task<ArchiveWriter> OpenAsync(
        ArchiveOptions options,
        TimeProvider? timeProvider,
        ILogger? logger,
        Func<string, Stream> createStream,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var log = logger ?? NullLogger.Instance;

        // Recovery reads and rewrites whole files: keep it off the caller's thread.
        return Task.Run(
            () =>
            {
                var directoryLock = DirectoryLock.Acquire(options.Directory);
                ArchiveRecoveryResult recovery;
                try
                {
                    recovery = new ArchiveRecoverer(options.Directory, createStream, options.CompressionLevel, log).Run(cancellationToken);
                }
                catch (Exception e)
                {
                    directoryLock.Dispose();
                    if (e is IOException or UnauthorizedAccessException)
                    {
                        throw new ArchiveException($"archive recovery in {options.Directory} failed: {e.Message}", e);
                    }

                    throw;
                }

                var writer = new ArchiveWriter(options, time, log, createStream, directoryLock, recovery);
                log.ArchiveReady(options.Directory, recovery.LastSequence + 1, recovery.SealedFiles, recovery.RecoveredFiles.Count);
                return writer;
            },
            cancellationToken);
    }

    /// <summary>
    /// Queues a record. The payload is copied into a pooled buffer before this returns, so the caller may reuse its
    /// buffer at once. Waits while the queue is full (backpressure); never drops. The writer assigns
    /// <see cref="ArchiveRecord.Sequence"/>; a <see cref="ArchiveRecord.ReceivedAtMicros"/> of 0 is stamped now.
    /// </summary>
    public ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default)
    {
        RecordValidation.ThrowIfInvalid(record);
        var budget = _budget.AcquireAsync(Charge(record.Payload.Length), cancellationToken);
        return budget.IsCompletedSuccessfully ? Enqueue(record, cancellationToken) : AppendWithinBudgetAsync(budget, record, cancellationToken);
    }

    /// <summary>Completes once everything appended before the call is written and sync-flushed to the OS.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(PendingRecord.Flush(flushed), cancellationToken).ConfigureAwait(false);
        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drains the queue, seals the current file and writes its manifest. A failure is on <see cref="Completion"/>, not thrown here.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _ticker.DisposeAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ArchiveException)
        {
            // Already logged by the loop and visible on Completion.
        }

        await _directoryLock.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What a record costs the queue's byte budget beyond its payload (envelope fields, queue slot).</summary>
    private static long Charge(int payloadLength) => payloadLength + PerRecordOverheadBytes;

    private async ValueTask AppendWithinBudgetAsync(ValueTask budget, ArchiveRecord record, CancellationToken cancellationToken)
    {
        await budget.ConfigureAwait(false);
        await Enqueue(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the payload and queues it; the record's bytes of the budget are already held.</summary>
    private ValueTask Enqueue(in ArchiveRecord record, CancellationToken cancellationToken)
    {
        // Frames come stamped at receipt: the clock is read only for records that are not (one read fewer a frame).
        var nowMicros = record.ReceivedAtMicros == 0 ? ArchiveRecord.ToMicros(_time.GetUtcNow()) : 0;
        var pending = PendingRecord.CopyOf(record, nowMicros, _payloads);
        return _queue.Writer.TryWrite(pending) ? default : WaitToAppendAsync(pending, cancellationToken);
    }

    private async ValueTask WaitToAppendAsync(PendingRecord pending, CancellationToken cancellationToken)
    {
        var enqueued = false;
        try
        {
            await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
            enqueued = true;
        }
        finally
        {
            if (!enqueued)
            {
                Return(pending);
            }
        }
    }

    /// <summary>The one way a queued item's payload buffer and budget bytes are given back.</summary>
    private void Return(in PendingRecord item)
    {
        item.Release(_payloads);
        if (item.IsRecord)
        {
            _budget.Release(Charge(item.Record.Payload.Length));
        }
    }

    private async ValueTask EnqueueAsync(PendingRecord pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw _fault ?? (Exception)new ObjectDisposedException(nameof(ArchiveWriter), e);
        }
    }

    /// <summary>Timer callback: a nudge for the loop. When the queue is full the loop is busy anyway, so a lost tick costs nothing.</summary>
    private void OnTick() => _queue.Writer.TryWrite(PendingRecord.Tick);
}
