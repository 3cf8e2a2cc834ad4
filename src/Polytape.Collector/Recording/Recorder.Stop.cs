namespace Polytape.Collector.Recording;

public sealed partial class Recorder
{
    /// <summary>
    /// Stops reading (connections close, discovery and verification end), lets ingest apply and archive everything already
    /// received, then seals the archive. Safe to call more than once and from any thread.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        _status.Stopping = true;
        Log.RecorderStopping(_logger);
        try
        {
            await _reading.CancelAsync().ConfigureAwait(false);
            await Quietly(_poolTask).ConfigureAwait(false);
            await Quietly(_discoveryTask).ConfigureAwait(false);
            await Quietly(_verifierTask).ConfigureAwait(false);

            // Every frame the sockets delivered is now queued; drain it into the keeper and the archive.
            await Quietly(_pipeline.CompleteAsync()).ConfigureAwait(false);
            await _background.CancelAsync().ConfigureAwait(false);
            await Quietly(_pipelineTask).ConfigureAwait(false);
            await Quietly(_archive.DisposeAsync().AsTask()).ConfigureAwait(false);
            if (_archive.Completion.IsFaulted && Fault is null)
            {
                Fault = _archive.Completion.Exception?.GetBaseException();
            }

            foreach (var reporter in _reporters)
            {
                reporter.Dispose();
            }

            if (_web is not null)
            {
                await _web.DisposeAsync().ConfigureAwait(false);
            }

            Log.RecorderStopped(_logger, _archive.LastSequence, _archive.RecordsWritten);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _pipeline.Dispose();
        _pool.Dispose();
        _discovery.Dispose();
        _gamma.Dispose();
        _rest.Dispose();
        _metrics.Dispose();
        _reading.Dispose();
        _background.Dispose();
    }

    /// <summary>Waits for a component to finish; its own failure was already reported by the watcher or its log.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception) when (task.IsCanceled || task.IsFaulted)
        {
            // Reported elsewhere; stopping goes on.
        }
    }
}
