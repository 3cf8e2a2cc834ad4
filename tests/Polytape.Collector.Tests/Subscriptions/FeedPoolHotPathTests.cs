using System.Text;
using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>What runs per frame or per snapshot must not allocate.</summary>
public sealed class FeedPoolHotPathTests
{
    private const string Asset = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    [Fact]
    public async Task OnFrameAsync_ForwardsTheFrameUntouched_WithoutAllocating()
    {
        var downstream = new CountingSink();
        using var pool = new FeedPool(new FeedPoolOptions(), downstream, TimeProvider.System);
        var frame = new ReceivedFrame("c1", 1, 1, 0, new byte[16], 4);
        await pool.OnFrameAsync(frame, CancellationToken.None); // warm-up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            await pool.OnFrameAsync(frame, CancellationToken.None);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_001, downstream.Frames);
        Assert.Same(frame.Buffer, downstream.Last.Buffer);
    }

    [Fact]
    public async Task OnSnapshot_FromUtf8Bytes_MarksDelivered_WithoutAllocating()
    {
        using var pool = new FeedPool(new FeedPoolOptions(), new CountingSink(), TimeProvider.System);
        await pool.AddAsync([Asset]);
        var bytes = Encoding.UTF8.GetBytes(Asset);
        pool.OnSnapshot("c1", 0, bytes); // warm-up (c1 has not connected yet: its session is epoch 0)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            pool.OnSnapshot("c1", 0, bytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, pool.GetStatus().AssetsDelivered);
        pool.OnSnapshot("c9", 0, Encoding.UTF8.GetBytes("123")); // unknown asset and connection: ignored
        Assert.Equal((1, 0), (pool.GetStatus().AssetsDelivered, pool.GetStatus().AssetsPendingSnapshot));
    }

    [Fact]
    public async Task OnSnapshot_FromAnEarlierSession_DoesNotMarkTheAssetDelivered()
    {
        using var pool = new FeedPool(new FeedPoolOptions(), new CountingSink(), TimeProvider.System);
        await pool.AddAsync([Asset]);
        var bytes = Encoding.UTF8.GetBytes(Asset);

        pool.OnSnapshot("c1", -1, bytes); // queued before the connection's current session (epoch 0) began
        Assert.Equal((0, 1), (pool.GetStatus().AssetsDelivered, pool.GetStatus().AssetsDesired));
        pool.OnSnapshot("c1", 0, bytes);
        Assert.Equal(1, pool.GetStatus().AssetsDelivered);
    }

    private sealed class CountingSink : IFeedSink
    {
        public int Frames { get; private set; }

        public ReceivedFrame Last { get; private set; }

        public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken)
        {
            Frames++;
            Last = frame;
            return ValueTask.CompletedTask;
        }

        public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds)
        {
        }

        public void OnSessionClosing(string connectionId, int epoch)
        {
        }

        public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail)
        {
        }
    }
}
