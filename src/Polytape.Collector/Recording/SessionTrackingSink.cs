using Polytape.Collector.Feed;
using Polytape.Collector.Status;

namespace Polytape.Collector.Recording;

/// <summary>Notes every session's start and end for the status document, and passes everything on unchanged.</summary>
internal sealed class SessionTrackingSink(IFeedSink next, SessionHistory history) : IFeedSink
{
    public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken) => next.OnFrameAsync(frame, cancellationToken);

    public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds)
    {
        history.Started(connectionId, epoch);
        next.OnSessionStarted(connectionId, epoch, assetIds);
    }

    public void OnSessionClosing(string connectionId, int epoch) => next.OnSessionClosing(connectionId, epoch);

    public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail)
    {
        history.Ended(connectionId, epoch, reason, detail);
        next.OnSessionEnded(connectionId, epoch, reason, detail);
    }
}
