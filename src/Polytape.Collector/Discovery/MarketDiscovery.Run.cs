namespace Polytape.Collector.Discovery;

/// <summary>The refresh loop: a refresh now, then every interval, at once when asked, with notices applied in between.</summary>
public sealed partial class MarketDiscovery
{
    /// <summary>
    /// Refreshes at once, then every <see cref="DiscoveryOptions.RefreshInterval"/> (timed by the TimeProvider) and
    /// whenever <see cref="RequestRefresh"/> is called, applying queued notices as they arrive. A failed refresh is
    /// logged and counted and the catalog kept; the next one is tried on schedule. Returns when cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var reader = _notices.Reader;
        Task<bool>? wake = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Start to start: the interval counts from when the refresh began, so a slow refresh does not drift.
                var due = _time.GetTimestamp() + (long)(_options.RefreshInterval.TotalSeconds * _time.TimestampFrequency);
                await RefreshLoggedAsync(cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    if (await DrainNoticesAsync(cancellationToken).ConfigureAwait(false))
                    {
                        break; // a refresh was requested
                    }

                    var remaining = due - _time.GetTimestamp();
                    if (remaining <= 0)
                    {
                        break;
                    }

                    wake ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                    using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(TimeSpan.FromSeconds(remaining / (double)_time.TimestampFrequency), _time, stopDelay.Token);
                    if (due - _time.GetTimestamp() <= 0)
                    {
                        await stopDelay.CancelAsync().ConfigureAwait(false);
                        break; // the clock passed the due time while the timer was being made
                    }

                    var first = await Task.WhenAny(delay, wake).ConfigureAwait(false);
                    await stopDelay.CancelAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (first == wake)
                    {
                        var open = await wake.ConfigureAwait(false);
                        wake = null;
                        if (!open)
                        {
                            return;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown is a normal exit.
        }
    }

    private async Task RefreshLoggedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GammaRequestException ex)
        {
            DiscoveryLog.RefreshFailed(_logger, ex.Message, ex);
        }
    }

    /// <summary>Applies every queued notice; true when one of them asked for a refresh.</summary>
    private async Task<bool> DrainNoticesAsync(CancellationToken cancellationToken)
    {
        var refresh = false;
        while (_notices.Reader.TryRead(out var notice))
        {
            if (notice.Kind == NoticeKind.Refresh)
            {
                refresh = true;
            }
            else
            {
                // Taken off the queue: a copy arriving from now on may say something this one's lookup did not see yet.
                _queuedNotices.TryRemove((notice.Kind, notice.ConditionId), out _);
                await ApplyNoticeAsync(notice, cancellationToken).ConfigureAwait(false);
            }
        }

        return refresh || Volatile.Read(ref _refreshRequested) == 1;
    }
}
