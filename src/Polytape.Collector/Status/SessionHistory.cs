using Polytape.Collector.Feed;

namespace Polytape.Collector.Status;

/// <summary>
/// The last sessions of every connection, for the status document: fed from <see cref="IFeedSink"/>'s session
/// callbacks, read by the status producer. Thread-safe; keeps a bounded number so a flapping feed costs nothing.
/// </summary>
public sealed class SessionHistory(TimeProvider time, int capacity = 50)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<SessionRecord> _sessions = new();

    public void Started(string connectionId, int epoch)
    {
        lock (_gate)
        {
            _sessions.AddFirst(new SessionRecord(connectionId, epoch, time.GetUtcNow(), null, null, null));
            while (_sessions.Count > capacity)
            {
                _sessions.RemoveLast();
            }
        }
    }

    public void Ended(string connectionId, int epoch, FeedDisconnectReason reason, string detail)
    {
        var reasonText = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
        lock (_gate)
        {
            for (var node = _sessions.First; node is not null; node = node.Next)
            {
                if (node.Value.Connection == connectionId && node.Value.Epoch == epoch && node.Value.EndedAt is null)
                {
                    node.Value = node.Value with { EndedAt = time.GetUtcNow(), Reason = reasonText, Detail = detail };
                    return;
                }
            }

            // A session that ended before it started (connect failed) still belongs in the history.
            var now = time.GetUtcNow();
            _sessions.AddFirst(new SessionRecord(connectionId, epoch, now, now, reasonText, detail));
            while (_sessions.Count > capacity)
            {
                _sessions.RemoveLast();
            }
        }
    }

    /// <summary>Newest first, at most <paramref name="count"/>.</summary>
    public IReadOnlyList<SessionRecord> Recent(int count = 20)
    {
        lock (_gate)
        {
            return [.. _sessions.Take(count)];
        }
    }
}
