namespace Polytape.Collector.Feed;

/// <summary>Where a connection delivers frames and tells of its sessions. Called from the connection's loop.</summary>
public interface IFeedSink
{
    /// <summary>Takes ownership of the frame's buffer. May apply backpressure by completing late.</summary>
    ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken);

    /// <summary>A session began: its subscription set was sent; books must be rebuilt from new snapshots.</summary>
    void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds);

    /// <summary>
    /// The recorder decided to close the session and reads on until the server's Close: what still arrives was in
    /// flight, and a snapshot among it must not take a book from the connection that carries the asset now.
    /// </summary>
    void OnSessionClosing(string connectionId, int epoch);

    /// <summary>A session ended (closed, failed, stale): <paramref name="reason"/> says why.</summary>
    void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail);
}
