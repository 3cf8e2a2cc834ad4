namespace Polytape.Collector.Verification;

/// <summary>Gets a fresh snapshot for an asset (the connection pool resubscribes it). The keeper waits in Resyncing meanwhile.</summary>
public interface IResyncRequester
{
    ValueTask ResubscribeAsync(string assetId, CancellationToken cancellationToken);
}
