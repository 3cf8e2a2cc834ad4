using System.Runtime.ExceptionServices;
using System.Text;
using Polytape.Archive;
using Polytape.Collector.Feed;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>The loop: apply, archive, release; session bookkeeping; draining on completion.</summary>
public sealed partial class IngestPipeline
{
    /// <summary>Asset ids are at most 78 digits; room to spare for odd ids.</summary>
    private const int MaxStackAssetIdBytes = 256;

    private long _lastGroupCheck;

    /// <summary>
    /// Runs the loop until <see cref="CompleteAsync"/> has been called and everything queued is processed, or until
    /// cancelled (then queued frames are returned unprocessed). An archive failure stops the loop and escapes here.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The ingest loop is already running: start RunAsync once.");
        }

        _runToken = cancellationToken;
        Volatile.Write(ref _accepting, true);
        if (Volatile.Read(ref _completing))
        {
            Volatile.Write(ref _accepting, false);
        }

        var holdsTurn = false;
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
                holdsTurn = true;
                ThrowIfFailedOnReceivingThread();
                while (TryTake(out var item))
                {
                    if (item.Work is { } work)
                    {
                        await work.RunAsync(this, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await ProcessFrameAsync(item.Frame, charged: true, cancellationToken).ConfigureAwait(false);
                    }

                    // Under steady traffic the queue may never run dry: check the open groups on time anyway.
                    if (CheckGroupsWhenDue(force: false))
                    {
                        await AppendTransitionsAsync(0, cancellationToken).ConfigureAwait(false);
                    }
                }

                // Idle: check the open price_change groups (throttled), then wait for more.
                CheckGroupsWhenDue(force: false);
                await AppendTransitionsAsync(0, cancellationToken).ConfigureAwait(false);
                holdsTurn = false;
                _turn.Release();
            }

            // A frame still being applied on a receiving thread finishes first.
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            holdsTurn = true;
            ThrowIfFailedOnReceivingThread();
            CheckGroupsWhenDue(force: true);
            await AppendTransitionsAsync(0, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping without draining.
        }
        catch (Exception ex)
        {
            // An archive failure (disk full, unwritable directory): nothing more can be recorded without losing it, so
            // the loop stops, later frames are refused, and Completion carries the cause for the host to report.
            Log.IngestFailed(_logger, ex.Message);
            _stopped.TrySetException(ex);
            throw;
        }
        finally
        {
            Volatile.Write(ref _accepting, false);
            _queue.Writer.TryComplete();
            AbandonQueued();
            if (holdsTurn)
            {
                _turn.Release();
            }

            _stopped.TrySetResult();
        }
    }

    /// <summary>Applies a frame on the receiving thread, which holds the turn; a failure stops the loop as if it were its own.</summary>
    private async ValueTask ApplyHereAsync(ReceivedFrame frame)
    {
        try
        {
            await ProcessFrameAsync(frame, charged: false, _runToken).ConfigureAwait(false);
            if (CheckGroupsWhenDue(force: false))
            {
                await AppendTransitionsAsync(0, _runToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _framesAppliedOnReceivingThread, _framesAppliedOnReceivingThread + 1);
        }
        catch (OperationCanceledException) when (_runToken.IsCancellationRequested)
        {
            // The loop is stopping without draining.
        }
        catch (Exception ex)
        {
            _receivingThreadFailure = ex;
            Volatile.Write(ref _accepting, false);
            _queue.Writer.TryComplete();
        }
        finally
        {
            _turn.Release();
        }
    }

    private void ThrowIfFailedOnReceivingThread()
    {
        if (_receivingThreadFailure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async ValueTask ProcessFrameAsync(ReceivedFrame frame, bool charged, CancellationToken cancellationToken)
    {
        try
        {
            _handler.Begin(frame.ConnectionId, frame.Epoch, frame.Buffer, frame.Length);
            var result = _parser.Parse(frame.Bytes, _handler);
            var appliedMicros = NowMicros();
            var latency = appliedMicros - frame.ReceivedAtMicroseconds;
            Volatile.Write(ref _lastLatencyMicros, latency);
            _metrics?.RecordReceiveLatency(latency);
            Volatile.Write(ref _frames, _frames + 1);
            Volatile.Write(ref _bytes, _bytes + frame.Length);

            var label = result.Kind == FrameKind.Events ? _handler.Label : IngestNames.Of(result.Kind);
            await _archive.AppendAsync(
                new ArchiveRecord
                {
                    Kind = ArchiveRecordKind.Ws,
                    Connection = frame.ConnectionId,
                    Epoch = frame.Epoch,
                    ConnectionSequence = frame.ConnectionSequence,
                    ReceivedAtMicros = frame.ReceivedAtMicroseconds,
                    EventType = label,
                    Payload = frame.Memory,
                },
                cancellationToken).ConfigureAwait(false);
            await AppendTransitionsAsync(frame.ReceivedAtMicroseconds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            frame.Release();
            if (charged)
            {
                _budget.Release(Charge(frame));
            }
        }
    }

    /// <summary>Archives the transitions collected since the last call; <paramref name="receivedAtMicros"/> 0 stamps now.</summary>
    internal async ValueTask AppendTransitionsAsync(long receivedAtMicros, CancellationToken cancellationToken)
    {
        if (_transitions.Count == 0)
        {
            return;
        }

        var at = receivedAtMicros == 0 ? NowMicros() : receivedAtMicros;
        for (var i = 0; i < _transitions.Count; i++)
        {
            var payload = _records.Transition(_transitions[i], at);
            await _archive.AppendAsync(
                new ArchiveRecord { Kind = ArchiveRecordKind.Continuity, ReceivedAtMicros = at, EventType = "continuity", Payload = payload },
                cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _continuityRecords, _continuityRecords + _transitions.Count);
        _transitions.Clear();
    }

    /// <summary>A new session: its assets' books must be rebuilt from the snapshots it will deliver.</summary>
    internal async ValueTask StartSessionAsync(string connectionId, int epoch, IReadOnlyCollection<string> assetIds, long atMicros, CancellationToken cancellationToken)
    {
        var cause = epoch > 1 ? ContinuityCause.Reconnected : ContinuityCause.Subscribed;
        Span<byte> utf8 = stackalloc byte[MaxStackAssetIdBytes];
        foreach (var id in assetIds)
        {
            var bytes = Encoding.UTF8.GetByteCount(id) <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(id, utf8)] : Encoding.UTF8.GetBytes(id);

            // An asset another live connection delivers (make-before-break) keeps its book until this one's snapshot.
            if (!_ownership.IsOwnedByOther(bytes, connectionId))
            {
                Keeper.MarkSyncing(bytes, cause);
            }
        }

        await _archive.AppendAsync(
            new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Subscription,
                Connection = connectionId,
                Epoch = epoch,
                ReceivedAtMicros = atMicros,
                EventType = "session_started",
                Payload = _records.SessionStarted(epoch, assetIds),
            },
            cancellationToken).ConfigureAwait(false);
        await AppendTransitionsAsync(atMicros, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The recorder is closing this session; its frames until the end were in flight.</summary>
    /// <remarks>One session per connection at a time, and its end follows in order, so the id is enough.</remarks>
    internal void MarkClosing(string connectionId) => _ownership.MarkClosing(connectionId);

    /// <summary>A session ended: the books it delivered are blind until another snapshot arrives.</summary>
    internal async ValueTask EndSessionAsync(string connectionId, int epoch, FeedDisconnectReason reason, string detail, long atMicros, CancellationToken cancellationToken)
    {
        var released = _ownership.Release(connectionId);
        foreach (var id in released)
        {
            Keeper.MarkSyncing(id, ContinuityCause.Disconnected);
        }

        await _archive.AppendAsync(
            new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Note,
                Connection = connectionId,
                Epoch = epoch,
                ReceivedAtMicros = atMicros,
                EventType = "session_ended",
                Payload = _records.SessionEnded(epoch, reason, detail, released.Count),
            },
            cancellationToken).ConfigureAwait(false);
        await AppendTransitionsAsync(atMicros, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks every open price_change group and refreshes the continuity summary, when due. True if it ran.</summary>
    private bool CheckGroupsWhenDue(bool force)
    {
        var now = _time.GetTimestamp();
        if (!force && _time.GetElapsedTime(_lastGroupCheck, now) < _options.GroupCheckInterval)
        {
            return false;
        }

        _lastGroupCheck = now;
        if (force)
        {
            Keeper.Flush();
        }
        else
        {
            Keeper.CheckSettledGroups();
        }

        _summary = ContinuitySummary.Of(Keeper);
        return true;
    }

    /// <summary>After the loop stopped: return queued frames' buffers and fail queued work.</summary>
    private void AbandonQueued()
    {
        while (TryTake(out var item))
        {
            if (item.Work is { } work)
            {
                work.Abandon();
            }
            else
            {
                item.Frame.Release();
                _budget.Release(Charge(item.Frame));
            }
        }
    }
}
