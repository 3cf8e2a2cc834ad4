using System.Globalization;
using Polytape.Collector.Discovery;
using Polytape.Collector.Ingest;
using Polytape.Collector.Recording;
using Polytape.Collector.Tests.Ingest;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Tests.Recording;

/// <summary>A large discovery change reaches the keeper in bounded turns of the ingest loop, with other work between them.</summary>
public sealed class CatalogSubscriberTests
{
    [Fact]
    public async Task ApplyFacts_GivesEveryTokenItsFacts_InTurnsThatLetOtherWorkRunBetween()
    {
        using var pipeline = new IngestPipeline(new RecordingAppender(), TimeProvider.System);
        var markets = Enumerable.Range(0, (2 * CatalogSubscriber.MarketsPerTurn) + 7).Select(Market).ToList();

        // Queued before the loop runs: the first turn is in the queue, then this probe, then (as each turn completes) the next.
        var applying = CatalogSubscriber.ApplyFactsAsync(pipeline, markets, CancellationToken.None);
        var seenByProbe = pipeline.InvokeAsync(keeper => markets.Count(m => keeper.TryGetAsset(m.Tokens[0].AssetId, out _)));
        var run = pipeline.RunAsync(CancellationToken.None);
        await applying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CatalogSubscriber.MarketsPerTurn, await seenByProbe);
        var facts = await pipeline.InvokeAsync(keeper => markets.SelectMany(m => m.Tokens).Select(t =>
            keeper.TryGetAsset(t.AssetId, out var asset) ? asset.Metadata : default).ToList());
        Assert.Equal(2 * markets.Count, facts.Count);
        Assert.All(facts, f => Assert.Equal(Price.Parse("0.01"), f.TickSize));
        Assert.All(facts, f => Assert.Equal(Size.Parse("5"), f.MinOrderSize));
        Assert.All(facts, f => Assert.True(f.NegRisk));

        await pipeline.CompleteAsync();
        await run;
    }

    private static CatalogMarket Market(int index)
    {
        var id = (10_000_000_000L + (2 * index)).ToString(CultureInfo.InvariantCulture);
        return new CatalogMarket
        {
            ConditionId = $"0x{index:x64}",
            NegRisk = true,
            TickSize = Price.Parse("0.01"),
            MinOrderSize = Size.Parse("5"),
            Tokens = [new CatalogToken(id + "0", "Yes"), new CatalogToken(id + "1", "No")],
        };
    }
}
