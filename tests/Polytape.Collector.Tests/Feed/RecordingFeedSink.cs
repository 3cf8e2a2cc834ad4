using System.Collections.Concurrent;
using System.Threading.Channels;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Tests.Feed;

/// <summary>Copies every frame out of its pooled buffer and lets tests await frames and session events.</summary>
internal sealed class RecordingFeedSink : IFeedSink
{
    private readonly Channel<(int Epoch, string Text)> _frames = Channel.CreateUnbounded<(int, string)>();
    private readonly Channel<(int Epoch, FeedDisconnectReason Reason, string Detail)> _ended = Channel.CreateUnbounded<(int, FeedDisconnectReason, string)>();
    private readonly Channel<(int Epoch, int Assets)> _started = Channel.CreateUnbounded<(int, int)>();

    public ConcurrentQueue<ReceivedFrame> Metadata { get; } = new();

    public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(frame.Bytes);
        Metadata.Enqueue(frame with { Buffer = [] });
        frame.Release();
        _frames.Writer.TryWrite((frame.Epoch, text));
        return ValueTask.CompletedTask;
    }

    public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds) =>
        _started.Writer.TryWrite((epoch, assetIds.Count));

    public void OnSessionClosing(string connectionId, int epoch)
    {
    }

    public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail) =>
        _ended.Writer.TryWrite((epoch, reason, detail));

    /// <summary>The next frame whose text satisfies the condition (others are skipped), within a timeout.</summary>
    public async Task<(int Epoch, string Text)> NextFrameAsync(Func<string, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cts.Token);
            if (condition(frame.Text))
            {
                return frame;
            }
        }
    }

    public async Task<(int Epoch, int Assets)> NextStartAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _started.Reader.ReadAsync(cts.Token);
    }

    public async Task<(int Epoch, FeedDisconnectReason Reason, string Detail)> NextEndAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _ended.Reader.ReadAsync(cts.Token);
    }
}
