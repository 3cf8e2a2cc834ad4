namespace Polytape.Collector.Discovery;

/// <summary>
/// Receives catalog changes (the subscription planner). Calls are serialised: the next change is not delivered
/// until the previous call completes, and the catalog already reflects the change when it is called.
/// </summary>
public interface IDiscoveryListener
{
    ValueTask OnMarketsChangedAsync(DiscoveryChange change, CancellationToken cancellationToken);
}
