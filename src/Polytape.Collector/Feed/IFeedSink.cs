namespace Polytape.Collector.Feed;

/// <summary>Where a connection delivers frames and tells of its sessions. Called from the connection's loop.</summary>
public interface IFeedSink
{
    /// <summary>Takes ownership of the frame's buffer. May apply backpressure by completing late.</summary>
    ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken);

    /// <summary>A session began: its subscription set was sent; books must be rebuilt from new snapshots.</summary>
    void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds);

    /// <summary>A session ended (closed, failed, stale): <paramref name="reason"/> says why.</summary>
    void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail);
}
