using System.Text;
using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Collector.Tests.Ingest.HandlerFrames;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Each asset's id is held once: ownership keys by the keeper's array, and deliveries make no string.</summary>
public sealed class AssetIdSharingTests
{
    [Fact]
    public void Ownership_KeysByTheKeepersArray()
    {
        var keeper = new BookKeeper();
        var ownership = new AssetOwnership();
        var handler = new IngestHandler(keeper, ownership);
        Apply(new MarketFrameParser(), handler, "c1", Frames.Book("61"));

        Assert.True(keeper.TryGetAsset("61"u8, out var asset));
        var released = Assert.Single(ownership.Release("c1"));
        Assert.Same(asset.AssetIdUtf8, released);
    }

    [Fact]
    public void SnapshotsOfKnownAssets_ReachTheObserverAsBytes_WithoutAllocating()
    {
        var keeper = new BookKeeper();
        var deliveries = new CountingDeliveries();
        var handler = new IngestHandler(keeper, new AssetOwnership()) { Deliveries = deliveries };
        var parser = new MarketFrameParser();
        var book = Encoding.UTF8.GetBytes(Frames.Book("61"));
        for (var i = 0; i < 100; i++)
        {
            Apply(parser, handler, "c1", book);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Apply(parser, handler, "c1", book);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1100, deliveries.Count);
        Assert.Equal("61", deliveries.Last);
    }

    private sealed class CountingDeliveries : IAssetDeliveryObserver
    {
        private readonly byte[] _last = new byte[78];
        private int _lastLength;

        public int Count { get; private set; }

        public string Last => Encoding.UTF8.GetString(_last, 0, _lastLength);

        public void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8)
        {
            Count++;
            _lastLength = assetIdUtf8.Length;
            assetIdUtf8.CopyTo(_last);
        }
    }
}
