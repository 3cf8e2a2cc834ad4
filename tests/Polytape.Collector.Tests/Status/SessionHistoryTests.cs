using Polytape.Collector.Feed;
using Polytape.Collector.Status;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Status;

public sealed class SessionHistoryTests
{
    [Fact]
    public void EndedSession_IsCompletedInPlace_NewestFirst_AndBounded()
    {
        var time = new ManualTimeProvider();
        var history = new SessionHistory(time, capacity: 3);
        var start = time.GetUtcNow();

        history.Started("c1", 1);
        time.Advance(TimeSpan.FromSeconds(10));
        history.Started("c2", 1);
        history.Ended("c1", 1, FeedDisconnectReason.ClosedByServer, "1006");
        history.Ended("c3", 4, FeedDisconnectReason.ConnectFailed, "429");
        history.Started("c1", 2);

        var recent = history.Recent();
        Assert.Equal([("c1", 2), ("c3", 4), ("c2", 1)], recent.Select(s => (s.Connection, s.Epoch)));
        Assert.Equal("connect_failed", recent[1].Reason);
        Assert.Null(recent[2].EndedAt);
        Assert.Equal(2, history.Recent(2).Count);

        var bigger = new SessionHistory(time);
        bigger.Started("c1", 1);
        bigger.Ended("c1", 1, FeedDisconnectReason.ClosedByServer, "1006");
        var ended = Assert.Single(bigger.Recent());
        Assert.Equal("closed_by_server", ended.Reason);
        Assert.Equal(start.AddSeconds(10), ended.StartedAt);
    }

    [Fact]
    public void ComponentFaults_FaultRecoverAndLastError()
    {
        var faults = new ComponentFaults(new ManualTimeProvider());

        faults.Error("rest", "HTTP 503");
        faults.Faulted("archive", "disk full");
        Assert.Equal("archive", Assert.Single(faults.Current).Component);
        faults.Recovered("archive");

        Assert.Empty(faults.Current);
        Assert.Equal("disk full", faults.LastError?.Message);
    }
}
