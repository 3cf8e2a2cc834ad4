using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// Routes the engine's frames to market-channel sessions and keeps each connection's ground truth.
/// <see cref="Publish"/> runs on the engine's thread under the engine's gate, and every routing change
/// (attach, subscribe, unsubscribe, detach) is made under that gate too, so the routes need no lock of
/// their own and a snapshot queued under the gate always precedes the deltas that follow it. Routes are
/// per market (both legs of a price_change go to a session once) and are replaced, never mutated, so
/// Publish may close sessions while it walks them.
/// </summary>
public sealed class MarketChannelHub(SimulatorFaults faults) : IFrameSink
{
    // Closed connections kept for the ground truth; older ones are forgotten so a long run stays bounded.
    private const int RetiredConnectionsKept = 1_024;

    // Guarded by the engine's gate.
    private readonly Dictionary<SimulatedMarket, MarketSubscription[]> _routes = new(ReferenceEqualityComparer.Instance);
    private MarketChannelSession[] _sessions = [];

    private readonly Lock _truthLock = new();
    private readonly Dictionary<long, MarketChannelSession> _open = [];
    private readonly Queue<MarketConnectionTruth> _retired = new();
    private long _lastConnectionId;

    /// <summary>
    /// Frames a session may have queued before it counts as a slow consumer (closed with 1013). Read when a
    /// connection opens. 65,536 absorbs the engine's largest catch-up burst for a client that keeps up.
    /// </summary>
    public int SendBufferCapacity
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the send buffer needs at least one frame");
    } = 65_536;

    /// <summary>Every open connection and the last closed ones, in connection order.</summary>
    public IReadOnlyList<MarketConnectionTruth> Connections
    {
        get
        {
            var list = new List<MarketConnectionTruth>();
            lock (_truthLock)
            {
                list.AddRange(_retired);
                foreach (var session in _open.Values)
                {
                    list.Add(session.Truth());
                }
            }

            list.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            return list;
        }
    }

    /// <summary>Frames queued on open connections and not yet written: zero means every published frame is on the wire.</summary>
    public int PendingFrames
    {
        get
        {
            lock (_truthLock)
            {
                return _open.Values.Sum(session => session.PendingFrames);
            }
        }
    }

    public void Publish(in OutboundFrame frame)
    {
        var stalled = faults.SilentStall;
        if (frame.Audience == FrameAudience.Everyone)
        {
            if (!stalled)
            {
                foreach (var session in _sessions)
                {
                    if (!frame.RequiresCustomFeatures || session.CustomFeatures)
                    {
                        session.Enqueue(frame.Payload);
                    }
                }
            }

            return;
        }

        if (!_routes.TryGetValue(frame.Market, out var subscriptions))
        {
            return;
        }

        if (!stalled)
        {
            var limit = faults.MaxDeliveredAssetsPerConnection;
            var silent = faults.SilentAssets;
            foreach (var subscription in subscriptions)
            {
                if (subscription.Wants(in frame, limit, silent))
                {
                    subscription.Session.Enqueue(frame.Payload);
                }
            }
        }

        if (frame.Type == MarketEventType.MarketResolved)
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Session.OnMarketResolved();
            }
        }
    }

    internal long NextConnectionId() => Interlocked.Increment(ref _lastConnectionId);

    /// <summary>A new connection: it receives broadcasts from now on. Caller holds the engine's gate.</summary>
    internal void Attach(MarketChannelSession session)
    {
        _sessions = [.. _sessions, session];
        lock (_truthLock)
        {
            _open.Add(session.Id, session);
        }
    }

    /// <summary>A connection ended: no more frames reach it; its final truth is kept. Caller holds the engine's gate.</summary>
    internal void Detach(MarketChannelSession session, MarketConnectionTruth final)
    {
        _sessions = Array.FindAll(_sessions, s => !ReferenceEquals(s, session));
        lock (_truthLock)
        {
            _open.Remove(session.Id);
            _retired.Enqueue(final);
            if (_retired.Count > RetiredConnectionsKept)
            {
                _retired.Dequeue();
            }
        }
    }

    /// <summary>Caller holds the engine's gate.</summary>
    internal void AddRoute(MarketSubscription subscription)
    {
        _routes[subscription.Market] = _routes.TryGetValue(subscription.Market, out var existing)
            ? [.. existing, subscription]
            : [subscription];
    }

    /// <summary>Caller holds the engine's gate.</summary>
    internal void RemoveRoute(MarketSubscription subscription)
    {
        if (!_routes.TryGetValue(subscription.Market, out var existing))
        {
            return;
        }

        var remaining = Array.FindAll(existing, s => !ReferenceEquals(s, subscription));
        if (remaining.Length == 0)
        {
            _routes.Remove(subscription.Market);
        }
        else
        {
            _routes[subscription.Market] = remaining;
        }
    }
}
