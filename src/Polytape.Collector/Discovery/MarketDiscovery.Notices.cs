using System.Text;
using System.Text.Json;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Discovery;

/// <summary>
/// Market-channel notices: <c>market_resolved</c> removes a market at once; a <c>new_market</c> that matches the
/// selection is looked up on Gamma and added before the next refresh would find it. Both only queue work (the
/// ingest thread never waits); <see cref="MarketDiscovery.RunAsync"/> applies it.
/// </summary>
public sealed partial class MarketDiscovery
{
    /// <summary>Queues a <c>new_market</c> notice (reads its condition id, slug and tags; cold path).</summary>
    public void OnNewMarketNotice(in PolymarketMarketNotice notice)
    {
        var (slug, tags) = ReadSlugAndTags(notice.RawJson);
        OnNewMarketNotice(Encoding.UTF8.GetString(notice.Market), slug, tags);
    }

    /// <summary>
    /// Queues a new market for an early Gamma lookup when it matches the selection: all-active, a configured
    /// condition id or slug, a current or upcoming rolling window, or a configured tag (by slug or label). Series
    /// cannot be told from a notice; the next refresh finds those.
    /// </summary>
    public void OnNewMarketNotice(string conditionId, string? slug, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (string.IsNullOrEmpty(conditionId) || !Matches(conditionId, slug, tags))
        {
            Statistics.NoticeIgnored();
            return;
        }

        Enqueue(new Notice(NoticeKind.NewMarket, conditionId, slug));
    }

    /// <summary>Queues a <c>market_resolved</c> notice.</summary>
    public void OnMarketResolved(in PolymarketMarketNotice notice) => OnMarketResolved(Encoding.UTF8.GetString(notice.Market));

    /// <summary>Queues the removal of a resolved market (if it is in the catalog).</summary>
    public void OnMarketResolved(string conditionId)
    {
        if (!string.IsNullOrEmpty(conditionId))
        {
            Enqueue(new Notice(NoticeKind.Resolved, conditionId, null));
        }
    }

    private void Enqueue(Notice notice)
    {
        // The venue sends a notice to every connection: one copy waiting is enough.
        if (!_queuedNotices.TryAdd((notice.Kind, notice.ConditionId), 0))
        {
            Statistics.NoticeCoalesced();
            return;
        }

        if (!_notices.Writer.TryWrite(notice))
        {
            // The loop is far behind: the next full refresh sees what the notice said (markets close on Gamma too).
            _queuedNotices.TryRemove((notice.Kind, notice.ConditionId), out _);
            Statistics.NoticeDropped();
            RequestRefresh();
        }
    }

    private bool Matches(string conditionId, string? slug, IReadOnlyList<string> tags)
    {
        if (_options.AllActive || _conditionIds.Contains(conditionId) || (slug is not null && _slugs.Contains(slug)))
        {
            return true;
        }

        if (slug is not null && _patterns.Count > 0)
        {
            var now = _time.GetUtcNow();
            if (_patterns.Any(p => p.Slugs(now, _options.RollingWindowsAhead).Contains(slug, StringComparer.Ordinal)))
            {
                return true;
            }
        }

        // Notices carry tag labels ("Crypto Prices"); configured tags are slugs ("crypto-prices") or ids.
        foreach (var label in tags)
        {
#pragma warning disable CA1308 // Slugs are lower case by definition.
            var labelSlug = label.ToLowerInvariant().Replace(' ', '-');
#pragma warning restore CA1308
            if (_options.Tags.Any(t => string.Equals(t, labelSlug, StringComparison.OrdinalIgnoreCase) || string.Equals(t, label, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies one queued notice under the serial gate.</summary>
    private async Task ApplyNoticeAsync(Notice notice, CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (notice.Kind == NoticeKind.Resolved)
            {
                _pending.Remove(notice.ConditionId);
                _resolved.Add(notice.ConditionId);
                if (Catalog.TryGetByConditionId(notice.ConditionId, out var market))
                {
                    await PublishAsync(new DiscoveryChange { Removed = [new RemovedMarket(market, MarketRemovalReason.Resolved)] }, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (Catalog.TryGetByConditionId(notice.ConditionId, out _) || _resolved.Contains(notice.ConditionId))
            {
                return;
            }

            List<Polymarket.Gamma.PolymarketGammaListedMarket> found;
            try
            {
                found = await _gamma.GetMarketsByAsync("condition_ids", [notice.ConditionId], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (GammaRequestException ex)
            {
                // Held back: the next refresh looks again.
                _pending.TryAdd(notice.ConditionId, new PendingMarket(now, notice.Slug, FromNotice: true, Reported: false));
                Statistics.Failed(now, ex.Message, refresh: false);
                DiscoveryLog.NoticeLookupFailed(_logger, notice.ConditionId, ex.Message);
                return;
            }

            var gamma = found.Find(m => string.Equals(m.ConditionId, notice.ConditionId, StringComparison.OrdinalIgnoreCase));
            CatalogMarket? ready = null;
            var readiness = gamma is null ? Readiness.NotReady : Classify(ListedMarket.From(gamma), now, out ready);
            if (readiness == Readiness.NotReady)
            {
                // Not on Gamma yet (CDN lag) or still hydrating: looked at again on every refresh.
                _pending.TryAdd(notice.ConditionId, new PendingMarket(now, notice.Slug, FromNotice: true, Reported: false));
                Statistics.Changed(0, 0, Catalog.TokenCount, Catalog.MarketCount, _pending.Count);
            }
            else if (readiness == Readiness.Ready)
            {
                _pending.Remove(notice.ConditionId);
                _addedByNotice[notice.ConditionId] = now;
                await PublishAsync(new DiscoveryChange { Added = [ready!] }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _serial.Release();
        }
    }

    private static (string? Slug, IReadOnlyList<string> Tags) ReadSlugAndTags(ReadOnlySpan<byte> json)
    {
        string? slug = null;
        var tags = new List<string>();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, tags);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("slug"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    slug = reader.GetString();
                }
                else if (reader.ValueTextEquals("tags"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        tags.Add(reader.GetString()!);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // A malformed notice still names its condition id; match on that alone.
        }

        return (slug, tags);
    }

    private enum NoticeKind : byte
    {
        Refresh,
        NewMarket,
        Resolved,
    }

    private readonly record struct Notice(NoticeKind Kind, string ConditionId, string? Slug)
    {
        public static Notice Refresh => new(NoticeKind.Refresh, string.Empty, null);
    }
}
