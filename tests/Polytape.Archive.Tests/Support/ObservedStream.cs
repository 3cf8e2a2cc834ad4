namespace Polytape.Archive.Tests.Support;

/// <summary>
/// A file stream a test can watch and hold: <see cref="Flushes"/> is released on every flush, and while the gate
/// is closed writes block (after signalling <see cref="WriteBlocked"/>), as on a stalled disk.
/// </summary>
public sealed class ObservedStream : Stream
{
    private readonly Stream _inner;
    private readonly ManualResetEventSlim _gate;
    private readonly TaskCompletionSource _writeBlocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObservedStream(Stream inner, bool gateOpen = true)
    {
        _inner = inner;
        _gate = new ManualResetEventSlim(gateOpen);
    }

    public SemaphoreSlim Flushes { get; } = new(0);

    public Task WriteBlocked => _writeBlocked.Task;

    public void OpenGate() => _gate.Set();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_gate.IsSet)
        {
            _writeBlocked.TrySetResult();
            _gate.Wait();
        }

        _inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
        _inner.Flush();
        Flushes.Release();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
