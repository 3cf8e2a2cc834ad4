using System.Text;
using Polytape.Collector.Ingest;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Each asset's id is held once: ownership releases the keeper's array, and deliveries make no string.</summary>
public sealed class AssetIdSharingTests
{
    [Fact]
    public void Ownership_ReleasesTheKeepersArray()
    {
        var rig = new HandlerRig();
        rig.Apply("c1", Frames.Book("61"));

        Assert.True(rig.Keeper.TryGetAsset("61"u8, out var asset));
        var released = Assert.Single(rig.Ownership.Release("c1"));
        Assert.Same(asset.AssetIdUtf8, released);
    }

    [Fact]
    public void SnapshotsOfKnownAssets_ReachTheObserverAsBytes_WithoutAllocating()
    {
        var deliveries = new CountingDeliveries();
        var rig = new HandlerRig(deliveries);
        var book = Encoding.UTF8.GetBytes(Frames.Book("61"));
        Assert.Equal(0, WarmAllocation.BytesOf(warmups: 100, runs: 1000, () => rig.Apply("c1", book)));
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
