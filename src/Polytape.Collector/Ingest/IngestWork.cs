using Polytape.Collector.Books;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Ingest;

/// <summary>Something other than a frame that must happen on the ingest loop, in order with the frames around it.</summary>
internal abstract class IngestWork
{
    /// <summary>Runs on the loop; an archive failure escapes and stops the loop, anything else is the caller's.</summary>
    public abstract ValueTask RunAsync(IngestPipeline pipeline, CancellationToken cancellationToken);

    /// <summary>The loop stopped before running this work.</summary>
    public virtual void Abandon()
    {
    }
}

internal sealed class SessionStartedWork(string connectionId, int epoch, IReadOnlyCollection<string> assetIds, long atMicros) : IngestWork
{
    public override ValueTask RunAsync(IngestPipeline pipeline, CancellationToken cancellationToken) =>
        pipeline.StartSessionAsync(connectionId, epoch, assetIds, atMicros, cancellationToken);
}

internal sealed class SessionClosingWork(string connectionId) : IngestWork
{
    public override ValueTask RunAsync(IngestPipeline pipeline, CancellationToken cancellationToken)
    {
        pipeline.MarkClosing(connectionId);
        return ValueTask.CompletedTask;
    }
}

internal sealed class SessionEndedWork(string connectionId, int epoch, FeedDisconnectReason reason, string detail, long atMicros) : IngestWork
{
    public override ValueTask RunAsync(IngestPipeline pipeline, CancellationToken cancellationToken) =>
        pipeline.EndSessionAsync(connectionId, epoch, reason, detail, atMicros, cancellationToken);
}

/// <summary>Caller work with the book keeper; its continuity transitions are archived like a frame's.</summary>
internal sealed class InvokeWork<T>(Func<BookKeeper, T> work) : IngestWork
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Result => _result.Task;

    public override async ValueTask RunAsync(IngestPipeline pipeline, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            value = work(pipeline.Keeper);
        }
        catch (Exception ex)
        {
            await pipeline.AppendTransitionsAsync(0, cancellationToken).ConfigureAwait(false);
            _result.TrySetException(ex);
            return;
        }

        await pipeline.AppendTransitionsAsync(0, cancellationToken).ConfigureAwait(false);
        _result.TrySetResult(value);
    }

    public override void Abandon() =>
        _result.TrySetException(new InvalidOperationException("The ingest loop stopped before this work could run."));
}
