using System.Buffers;

namespace Polytape.Archive;

/// <summary>
/// An item in the writer's queue: a record whose payload lives in a pooled copy, or a control signal (flush tick,
/// explicit flush). Ownership of <see cref="_buffer"/>: rented from the writer's pool in <see cref="CopyOf"/>, owned
/// by the queue once enqueued, and returned by <see cref="Release"/> — by the writer loop after the record is written
/// or discarded, or by <c>AppendAsync</c> if the enqueue fails. One owner at a time, one return.
/// </summary>
internal readonly struct PendingRecord
{
    private readonly byte[]? _buffer;

    private PendingRecord(in ArchiveRecord record, byte[]? buffer, TaskCompletionSource? flushed, bool isTick)
    {
        Record = record;
        _buffer = buffer;
        Flushed = flushed;
        IsTick = isTick;
    }

    public ArchiveRecord Record { get; }

    /// <summary>Set for an explicit flush request: completed once everything queued before it is flushed.</summary>
    public TaskCompletionSource? Flushed { get; }

    /// <summary>The periodic timer's nudge: flush the idle tail and rotate on time even with no new records.</summary>
    public bool IsTick { get; }

    public bool IsRecord => !IsTick && Flushed is null;

    public static PendingRecord Tick => new(default, null, null, isTick: true);

    public static PendingRecord Flush(TaskCompletionSource flushed) => new(default, null, flushed, isTick: false);

    /// <summary>Copies the payload into a pooled buffer and stamps the receive time when the caller left it 0.</summary>
    public static PendingRecord CopyOf(in ArchiveRecord record, long nowMicros, ArrayPool<byte> pool)
    {
        var payload = record.Payload.Span;
        // An empty payload needs no buffer (and the pool must not be handed an empty array).
        var buffer = payload.IsEmpty ? null : pool.Rent(payload.Length);
        payload.CopyTo(buffer);
        var copy = record with
        {
            ReceivedAtMicros = record.ReceivedAtMicros == 0 ? nowMicros : record.ReceivedAtMicros,
            Payload = buffer is null ? ReadOnlyMemory<byte>.Empty : buffer.AsMemory(0, payload.Length),
        };
        return new PendingRecord(copy, buffer, null, isTick: false);
    }

    public void Release(ArrayPool<byte> pool)
    {
        if (_buffer is not null)
        {
            pool.Return(_buffer);
        }
    }
}
