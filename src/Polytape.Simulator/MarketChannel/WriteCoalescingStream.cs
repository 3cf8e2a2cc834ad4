namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// Sits under a server WebSocket so that a burst of frames becomes one socket write: while a batch is open,
/// writes collect in a buffer; <see cref="EndBatchAsync"/> writes them at once. Outside a batch every write
/// goes straight through, so the WebSocket's own control frames (close, pong) are never held back. Reads
/// pass through untouched. (Kestrel flushes every WebSocket write, which caps one connection at far below
/// the 200,000 frames/s a load test needs; frames stay separate WebSocket messages either way.)
/// </summary>
internal sealed class WriteCoalescingStream(Stream inner, int capacity) : Stream
{
    private readonly byte[] _buffer = new byte[capacity];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _length;
    private bool _batching;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public async ValueTask BeginBatchAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        _batching = true;
        _writeLock.Release();
    }

    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _batching = false;
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_batching && buffer.Length <= _buffer.Length)
            {
                if (_length + buffer.Length > _buffer.Length)
                {
                    await DrainAsync(cancellationToken).ConfigureAwait(false);
                }

                buffer.Span.CopyTo(_buffer.AsSpan(_length));
                _length += buffer.Length;
                return;
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (!_batching)
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => EndBatchIfIdleAsync(cancellationToken);

    public override void Flush() => throw new NotSupportedException("The WebSocket uses the asynchronous API only.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket uses the asynchronous API only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket uses the asynchronous API only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writeLock.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>An explicit flush outside a batch writes what is buffered; inside one it waits for the batch's end.</summary>
    private async Task EndBatchIfIdleAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_batching)
            {
                await DrainAsync(cancellationToken).ConfigureAwait(false);
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await inner.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
    }
}
