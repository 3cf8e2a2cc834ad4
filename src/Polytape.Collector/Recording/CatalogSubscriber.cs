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
    public async ValueTask OnMarketsChangedAsync(DiscoveryChange change, CancellationToken cancellationToken)
    {
        var added = change.Added.Where(m => shard.Owns(m.ConditionId)).ToList();
        var changed = change.Changed.Select(c => c.Current).Where(m => shard.Owns(m.ConditionId)).ToList();
        var facts = added.Concat(changed).ToList();
        if (facts.Count > 0)
        {
            await pipeline.InvokeAsync(keeper => SetMetadata(keeper, facts), cancellationToken).ConfigureAwait(false);
        }

        var removedIds = change.Removed.Where(r => shard.Owns(r.Market.ConditionId)).SelectMany(r => r.Market.Tokens).Select(t => t.AssetId).ToList();
        if (removedIds.Count > 0)
        {
            await pool.RemoveAsync(removedIds, cancellationToken).ConfigureAwait(false);
        }

        var addedIds = added.SelectMany(m => m.Tokens).Select(t => t.AssetId).ToList();
        if (addedIds.Count > 0)
        {
            await pool.AddAsync(addedIds, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int SetMetadata(BookKeeper keeper, List<CatalogMarket> markets)
    {
        foreach (var market in markets)
        {
            var metadata = new AssetMetadata(market.MinOrderSize, market.TickSize, market.NegRisk);
            foreach (var token in market.Tokens)
            {
                keeper.SetMetadata(Encoding.UTF8.GetBytes(token.AssetId), metadata);
            }
        }

        return markets.Count;
    }
}
