using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>Fetching the selected markets from Gamma and diffing them against the catalog.</summary>
public sealed partial class MarketDiscovery
{
    /// <summary>
    /// Every market the options select, by condition id (open ones, plus held-back notice markets), each reduced as
    /// its page arrives (<see cref="Keep"/>): a refresh holds one page of Gamma's answer, never the whole walk.
    /// </summary>
    private async Task<Dictionary<string, ListedMarket>> FetchSelectionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, ListedMarket>(StringComparer.OrdinalIgnoreCase);
        async Task AddAsync(IAsyncEnumerable<IReadOnlyList<PolymarketGammaListedMarket>> pages)
        {
            await foreach (var page in pages.ConfigureAwait(false))
            {
                Keep(listed, page);
            }
        }

        if (_options.AllActive)
        {
            await AddAsync(_gamma.GetOpenMarketPagesAsync(string.Empty, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var tag in _options.Tags)
        {
            if (await TagIdAsync(tag, cancellationToken).ConfigureAwait(false) is { } id)
            {
                await AddAsync(_gamma.GetOpenMarketPagesAsync("tag_id=" + Uri.EscapeDataString(id), cancellationToken)).ConfigureAwait(false);
            }
        }

        foreach (var name in _options.Series)
        {
            var series = await _gamma.GetSeriesAsync(name, cancellationToken).ConfigureAwait(false);
            if (series is null)
            {
                Problem($"Gamma knows no series '{name}'; check discovery.series (a series slug such as btc-up-or-down-15m, or its numeric id).");
                continue;
            }

            var open = (series.Events ?? []).Where(e => e.Closed != true).Select(e => e.Id);
            await AddAsync(_gamma.GetOpenEventMarketPagesAsync(open, cancellationToken)).ConfigureAwait(false);
        }

        var slugs = _options.Slugs.Concat(_patterns.SelectMany(p => p.Slugs(now, _options.RollingWindowsAhead))).ToList();
        if (slugs.Count > 0)
        {
            await AddAsync(_gamma.GetMarketPagesByAsync("slug", slugs, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var conditionIds = _options.ConditionIds.Concat(_pending.Where(p => p.Value.FromNotice).Select(p => p.Key)).ToList();
        if (conditionIds.Count > 0)
        {
            await AddAsync(_gamma.GetMarketPagesByAsync("condition_ids", conditionIds, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return listed;
    }

    /// <summary>
    /// Reduces one page to what the diff needs (a later listing of a market replaces an earlier one). A market that
    /// is over and that discovery knows nothing about (not catalogued, held back or resolved) changes nothing, so it
    /// is not kept; a market whose facts equal the catalog's keeps the catalog's instance rather than a copy.
    /// </summary>
    internal void Keep(Dictionary<string, ListedMarket> listed, IReadOnlyList<PolymarketGammaListedMarket> page)
    {
        foreach (var gamma in page)
        {
            if (string.IsNullOrEmpty(gamma.ConditionId))
            {
                continue;
            }

            var market = ListedMarket.From(gamma);
            var catalogued = Catalog.TryGetByConditionId(market.ConditionId, out var current);
            if (market.IsOver && !catalogued && !_pending.ContainsKey(market.ConditionId) && !_resolved.Contains(market.ConditionId))
            {
                listed.Remove(market.ConditionId);
                continue;
            }

            if (catalogued && market.Market is { } fresh && current.HasSameFacts(fresh))
            {
                market = market with { Market = current };
            }

            listed[market.ConditionId] = market;
        }
    }

    private async Task<string?> TagIdAsync(string tag, CancellationToken cancellationToken)
    {
        if (GammaClient.IsNumericId(tag))
        {
            return tag;
        }

        if (_tagIds.TryGetValue(tag, out var known))
        {
            return known;
        }

        var found = await _gamma.GetTagBySlugAsync(tag, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            Problem($"Gamma knows no tag '{tag}'; check discovery.tags (a tag slug such as crypto, or its numeric id).");
            return null;
        }

        _tagIds[tag] = found.Id;
        return found.Id;
    }

    private void Problem(string problem)
    {
        Statistics.Failed(_time.GetUtcNow(), problem, refresh: false);
        DiscoveryLog.SelectionProblem(_logger, problem);
    }

    /// <summary>The difference between what Gamma lists now and the catalog; updates the held-back set.</summary>
    private DiscoveryChange Diff(Dictionary<string, ListedMarket> listed, DateTimeOffset now)
    {
        var selected = new Dictionary<string, CatalogMarket>(StringComparer.OrdinalIgnoreCase);
        var closed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stillPending = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Resolved markets stay out; once Gamma stops listing one, its tombstone is no longer needed.
        _resolved.IntersectWith(listed.Keys);
        foreach (var (conditionId, listing) in listed)
        {
            if (_resolved.Contains(conditionId))
            {
                continue;
            }

            switch (Classify(listing, now, out var market))
            {
                case Readiness.Ready:
                    selected[conditionId] = market!;
                    break;
                case Readiness.NotReady:
                    stillPending.Add(conditionId);
                    break;
                case Readiness.Closed:
                    closed.Add(conditionId);
                    break;
            }
        }

        // Held back from a notice and ready now: protected like a market added straight from its notice.
        foreach (var (conditionId, pending) in _pending)
        {
            if (pending.FromNotice && selected.ContainsKey(conditionId))
            {
                _addedByNotice[conditionId] = now;
            }
        }

        UpdatePending(listed, stillPending, now);

        var added = new List<CatalogMarket>();
        var changed = new List<ChangedMarket>();
        foreach (var market in selected.Values)
        {
            if (!Catalog.TryGetByConditionId(market.ConditionId, out var current))
            {
                added.Add(market);
            }
            else if (!current.HasSameFacts(market))
            {
                changed.Add(new ChangedMarket(current, market));
            }
        }

        var removed = new List<RemovedMarket>();
        foreach (var market in Catalog.Markets())
        {
            if (!selected.ContainsKey(market.ConditionId) && RemovalReason(market, closed.Contains(market.ConditionId), now) is { } reason)
            {
                removed.Add(new RemovedMarket(market, reason));
            }
        }

        return added.Count + changed.Count + removed.Count == 0
            ? DiscoveryChange.None
            : new DiscoveryChange { Added = added, Changed = changed, Removed = removed };
    }

    /// <summary>Why a catalog market that is no longer selected should go, or null to keep it for now.</summary>
    private MarketRemovalReason? RemovalReason(CatalogMarket market, bool closed, DateTimeOffset now)
    {
        if (market.EndDate is { } end && now >= end)
        {
            // Ended: keep recording the emptied book and market_resolved until the grace has passed.
            return now >= end + _options.ExpiryGrace ? MarketRemovalReason.Expired : null;
        }

        if (!closed && _addedByNotice.TryGetValue(market.ConditionId, out var addedAt) && now < addedAt + NoticeGrace)
        {
            return null; // Gamma's lists may not show it yet
        }

        return closed ? MarketRemovalReason.Closed : MarketRemovalReason.NotListed;
    }

    private enum Readiness : byte
    {
        Ready,
        NotReady,
        Closed,
    }

    /// <summary>Whether a listed market can be subscribed now, must wait (hydration), or is over.</summary>
    private Readiness Classify(in ListedMarket listed, DateTimeOffset now, out CatalogMarket? market)
    {
        market = listed.Market;
        if (listed.IsOver)
        {
            return Readiness.Closed;
        }

        if (listed.EndDate is { } endDate && now >= endDate + _options.ExpiryGrace)
        {
            return Readiness.Closed;
        }

        if (market is null || listed.IsInactive)
        {
            return Readiness.NotReady;
        }

        // A market already subscribed that stops accepting orders (its end, a pause) stays; only new ones wait.
        if (_options.WaitForAcceptingOrders && !market.AcceptingOrders && !Catalog.TryGetByConditionId(market.ConditionId, out _))
        {
            return Readiness.NotReady;
        }

        return Readiness.Ready;
    }

    private void UpdatePending(Dictionary<string, ListedMarket> listed, HashSet<string> stillPending, DateTimeOffset now)
    {
        foreach (var conditionId in stillPending)
        {
            if (!_pending.TryGetValue(conditionId, out var pending))
            {
                _pending[conditionId] = new PendingMarket(now, listed[conditionId].Slug, FromNotice: false, Reported: false);
            }
            else if (!pending.Reported && now - pending.FirstSeen >= _options.HydrationTimeout)
            {
                // Still checked on every refresh (it may hydrate yet); said once so an operator can look.
                _pending[conditionId] = pending with { Reported = true };
                Statistics.HydrationTimedOut();
                DiscoveryLog.HydrationTimedOut(_logger, conditionId, pending.Slug, _options.HydrationTimeout);
            }
        }

        foreach (var conditionId in _pending.Keys.ToList())
        {
            if (stillPending.Contains(conditionId))
            {
                continue;
            }

            var pending = _pending[conditionId];
            // Ready, closed or gone: no longer held back. Notice markets Gamma does not list yet wait for the timeout.
            if (listed.ContainsKey(conditionId) || !pending.FromNotice || now - pending.FirstSeen >= _options.HydrationTimeout)
            {
                _pending.Remove(conditionId);
            }
        }
    }
}
