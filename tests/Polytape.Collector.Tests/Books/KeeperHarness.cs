using System.Text;
using Polytape.Collector.Books;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Tests.Books;

/// <summary>A parser and a book keeper wired together, recording every continuity transition.</summary>
internal sealed class KeeperHarness : IContinuityObserver
{
    public KeeperHarness(BookKeeperOptions? options = null)
    {
        Keeper = new BookKeeper(options, this);
    }

    public MarketFrameParser Parser { get; } = new();

    /// <summary>A keeper that has taken <paramref name="market"/>'s book snapshot (at 1,000 ms), so the asset is Live.</summary>
    public static KeeperHarness WithBookOf(SyntheticMarket market, BookKeeperOptions? options = null)
    {
        var harness = new KeeperHarness(options);
        harness.Feed(market.Book(1_000));
        return harness;
    }

    public BookKeeper Keeper { get; }

    public List<ContinuityTransition> Transitions { get; } = [];

    public void OnTransition(in ContinuityTransition transition) => Transitions.Add(transition);

    public FrameParseResult Feed(string frame)
    {
        var result = Parser.Parse(Encoding.UTF8.GetBytes(frame), Keeper);
        Assert.NotEqual(FrameKind.Malformed, result.Kind);
        return result;
    }

    public void FeedAll(IEnumerable<string> frames)
    {
        foreach (var frame in frames)
        {
            Parser.Parse(Encoding.UTF8.GetBytes(frame), Keeper);
        }
    }

    public AssetBook Asset(string assetId)
    {
        Assert.True(Keeper.TryGetAsset(assetId, out var asset), $"asset {assetId} is unknown to the keeper");
        return asset;
    }
}
