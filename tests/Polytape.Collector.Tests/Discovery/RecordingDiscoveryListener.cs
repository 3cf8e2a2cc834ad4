using System.Threading.Channels;
using Polytape.Collector.Discovery;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>Queues every change so a test can await the next one.</summary>
internal sealed class RecordingDiscoveryListener : IDiscoveryListener
{
    private readonly Channel<DiscoveryChange> _changes = Channel.CreateUnbounded<DiscoveryChange>();

    public ValueTask OnMarketsChangedAsync(DiscoveryChange change, CancellationToken cancellationToken)
    {
        _changes.Writer.TryWrite(change);
        return ValueTask.CompletedTask;
    }

    /// <summary>The next change; the timeout only guards against a hang.</summary>
    public async Task<DiscoveryChange> NextAsync() =>
        await _changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public bool TryTake(out DiscoveryChange change) => _changes.Reader.TryRead(out change!);
}
