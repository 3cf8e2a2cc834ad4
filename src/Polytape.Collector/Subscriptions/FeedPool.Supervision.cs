namespace Polytape.Collector.Subscriptions;

/// <summary>
/// The supervisor: on every check (and when a session starts or ends) it retries assets whose snapshot is
/// overdue, marks connections that are silent while the pool receives data, opens replacements for
/// suspect connections, and retires a suspect connection once its replacement delivers.
/// </summary>
public sealed partial class FeedPool
{
    private async Task SuperviseLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, _time);
        Task<bool>? tick = null;
        Task<bool>? wake = null;
        while (true)
        {
            tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
            wake ??= _wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(tick, wake).ConfigureAwait(false) == tick)
            {
                if (!await tick.ConfigureAwait(false))
                {
                    return;
                }

                tick = null;
            }
            else
            {
                await wake.ConfigureAwait(false);
                _wake.Reader.TryRead(out _);
                wake = null;
            }

            await SuperviseAsync(cancellationToken).ConfigureAwait(false);
            AfterSupervision?.Invoke();
        }
    }

    /// <summary>Tests: raised after each supervision pass of the running loop, so a test can wait for one after moving a manual clock.</summary>
    internal Action? AfterSupervision { get; set; }

    /// <summary>One supervision pass; internal so tests can run one without waiting for the timer.</summary>
    internal async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        await _planning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new Changes();
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                RetryOverdueSnapshots(now, changes);
                ResetQuietConnections();
                MarkSilentConnections(now);
                AbandonFailedReplacements(changes);
                OpenReplacements(changes);
                CompleteReplacements(now, changes);
                _runs.RemoveAll(t => t.IsCompleted);
            }

            await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _planning.Release();
        }
    }

    /// <summary>Overdue: resubscribe on the same connection first, then move to another, then report as not delivering.</summary>
    private void RetryOverdueSnapshots(DateTimeOffset now, Changes changes)
    {
        List<AssetSlot>? overdue = null;
        foreach (var slot in _unsettled)
        {
            if (slot.Delivery == AssetDelivery.Pending && slot.Deadline <= now)
            {
                (overdue ??= []).Add(slot);
            }
        }

        if (overdue is null)
        {
            return;
        }

        int retried = 0, moved = 0, givenUp = 0;
        foreach (var slot in overdue)
        {
            var from = slot.Connection;
            if (slot.Retries >= _options.MaxSnapshotRetries)
            {
                SetDelivery(slot, AssetDelivery.NotDelivering, null);
                givenUp++;
                continue;
            }

            slot.Retries++;
            _snapshotRetries++;
            retried++;
            if (!slot.ResubscribedHere)
            {
                slot.ResubscribedHere = true;
                Assign(slot, from, now);
                changes.Resubscribe(from, slot.Id);
                continue;
            }

            var to = _order.FirstOrDefault(c => c != from && c.HasRoom(_options.MaxAssetsPerConnection))
                ?? NewConnection($"moving {slot.Id} off {from.Id}", changes);
            from.Assets.Remove(slot);
            changes.Unsubscribe(from, slot.Id);
            if (from.Replacement is { } replacement)
            {
                replacement.Assets.Remove(slot);
                changes.Unsubscribe(replacement, slot.Id);
            }

            slot.ResubscribedHere = false;
            Assign(slot, to, now);
            changes.Subscribe(to, slot.Id);
            _moves++;
            moved++;
            if (from.Assets.Count == 0 && from.Replaces is null)
            {
                Retire(from, "its last asset moved", changes);
            }
        }

        if (retried > 0)
        {
            Log.PoolSnapshotRetries(_logger, retried, moved);
        }

        if (givenUp > 0)
        {
            Log.PoolNotDelivering(_logger, givenUp, overdue.First(s => s.Delivery == AssetDelivery.NotDelivering).Id);
        }
    }

    /// <summary>
    /// A connection silent for its allowance while another delivered within the suspect window is suspect (stalled,
    /// §8.1). A probe that delivered only its opening burst proved its assets quiet: its allowance doubles first, and
    /// the replacement (a fresh probe) inherits it.
    /// </summary>
    private void MarkSilentConnections(DateTimeOffset now)
    {
        DateTimeOffset? poolLastData = null;
        foreach (var connection in _order)
        {
            // Opening bursts (snapshots of fresh sessions) say the venue answers, not that markets trade: they are no evidence against a quiet one.
            if (connection.Feed.LastDataAt is { } last && last > connection.SessionStartedAt + OpeningBurst && (poolLastData is null || last > poolLastData))
            {
                poolLastData = last;
            }
        }

        if (poolLastData is not { } latest || now - latest >= _options.SuspectConnectionSilence)
        {
            return; // the whole pool is quiet: nothing to compare against (a quiet market is not a frozen feed)
        }

        foreach (var connection in _order)
        {
            if (connection.InSession && !connection.Suspect && connection.Replaces is null && connection.Assets.Count > 0
                && now - connection.SilentSince >= SilenceAllowance(connection) && latest > connection.SilentSince)
            {
                if (connection.Probing && OnlyOpeningData(connection))
                {
                    BackOffQuiet(connection);
                }

                connection.Suspect = true;
            }
        }
    }

    /// <summary>A replacement that went stale itself is dropped; the next pass opens another.</summary>
    private void AbandonFailedReplacements(Changes changes)
    {
        foreach (var connection in _order.Where(c => c.Replaces is not null && c.Suspect).ToList())
        {
            Retire(connection, "the replacement went stale", changes);
        }
    }

    private void OpenReplacements(Changes changes)
    {
        foreach (var connection in _order.Where(c => c.Suspect && c.Replaces is null && c.Replacement is null && c.Assets.Count > 0).ToList())
        {
            var replacement = NewConnection($"replacing {connection.Id}", changes);
            replacement.Replaces = connection;
            replacement.Probing = true;
            SetQuietLevel(replacement, connection.QuietLevel);
            connection.Replacement = replacement;
            replacement.Assets.UnionWith(connection.Assets);
            changes.Subscribe(replacement, connection.Assets.Select(a => a.Id));
            _replacements++;
            var why = connection.RecentEnds.Count > 0 && connection.RecentEnds[^1].Reason == Feed.FeedDisconnectReason.Stale ? "a stale session" : "silent while others deliver";
            Log.PoolReplacing(_logger, connection.Id, why, replacement.Id);
        }
    }

    /// <summary>Make-before-break: the old connection is retired only once its replacement's session delivered data.</summary>
    private void CompleteReplacements(DateTimeOffset now, Changes changes)
    {
        foreach (var connection in _order.Where(c => c.Replacement is { DeliveredThisSession: true }).ToList())
        {
            var replacement = connection.Replacement!;
            connection.Replacement = null;
            replacement.Replaces = null;
            foreach (var slot in connection.Assets)
            {
                slot.Connection = replacement;
                slot.ResubscribedHere = false;
                if (slot.SnapshotFrom == replacement)
                {
                    SetDelivery(slot, AssetDelivery.Delivered, null);
                }
                else if (slot.Delivery != AssetDelivery.NotDelivering)
                {
                    SetDelivery(slot, AssetDelivery.Pending, now + _options.SnapshotTimeout);
                }
            }

            connection.Assets.Clear();
            Log.PoolReplaced(_logger, connection.Id, replacement.Id);
            Retire(connection, $"replaced by {replacement.Id}", changes);
        }
    }
}
