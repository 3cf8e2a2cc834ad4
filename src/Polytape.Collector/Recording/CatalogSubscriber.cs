using System.Text;
using Polytape.Collector.Books;
using Polytape.Collector.Discovery;
using Polytape.Collector.Ingest;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Recording;

/// <summary>
/// Applies discovery's changes: the keeper learns each new market's hash facts (tick, minimum size, neg risk) before
/// its first snapshot can arrive, then the pool subscribes the tokens; removed markets are unsubscribed.
/// </summary>
internal sealed class CatalogSubscriber(IngestPipeline pipeline, FeedPool pool, ShardFilter shard) : IDiscoveryListener
{
    /// <summary>
    /// Markets whose facts one turn of the ingest loop applies. The whole universe's first discovery (150,000 markets)
    /// in one turn held every frame of every connection for ~3 s; a turn of 1,000 takes a few milliseconds.
    /// </summary>
    internal const int MarketsPerTurn = 1_000;

    public async ValueTask OnMarketsChangedAsync(DiscoveryChange change, CancellationToken cancellationToken)
    {
        var added = change.Added.Where(m => shard.Owns(m.ConditionId)).ToList();
        var changed = change.Changed.Select(c => c.Current).Where(m => shard.Owns(m.ConditionId)).ToList();
        var facts = added.Concat(changed).ToList();
        await ApplyFactsAsync(pipeline, facts, cancellationToken).ConfigureAwait(false);

        var removedIds = change.Removed.Where(r => shard.Owns(r.Market.ConditionId)).SelectMany(r => r.Market.Tokens).Select(t => t.AssetId).ToList();
        if (removedIds.Count > 0)
        {
            await pool.RemoveAsync(removedIds, cancellationToken).ConfigureAwait(false);
        }

        if (added.Count > 0)
        {
            // A market's outcomes share a connection: the venue sends a market's events to every connection holding any of them.
            await pool.AddGroupsAsync(added.Select(m => (IReadOnlyList<string>)m.Tokens.Select(t => t.AssetId).ToList()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives the keeper the markets' hash facts, <see cref="MarketsPerTurn"/> at a time, so frames interleave.</summary>
    internal static async Task ApplyFactsAsync(IngestPipeline pipeline, IReadOnlyList<CatalogMarket> markets, CancellationToken cancellationToken)
    {
        foreach (var turn in markets.Chunk(MarketsPerTurn))
        {
            await pipeline.InvokeAsync(keeper => SetMetadata(keeper, turn), cancellationToken).ConfigureAwait(false);
        }
    }

    private static int SetMetadata(BookKeeper keeper, CatalogMarket[] markets)
    {
        Span<byte> id = stackalloc byte[256];
        foreach (var market in markets)
        {
            var metadata = new AssetMetadata(market.MinOrderSize, market.TickSize, market.NegRisk);
            foreach (var token in market.Tokens)
            {
                // Asset ids are at most 78 digits; an odd longer one gets its own array.
                keeper.SetMetadata(
                    Encoding.UTF8.GetMaxByteCount(token.AssetId.Length) <= id.Length
                        ? id[..Encoding.UTF8.GetBytes(token.AssetId, id)]
                        : Encoding.UTF8.GetBytes(token.AssetId),
                    metadata);
            }
        }

        return markets.Length;
    }
}
