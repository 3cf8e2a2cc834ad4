namespace Polytape.Archive.Tests.Support;

/// <summary>A file stream that fails like a full disk once <paramref name="capacity"/> bytes have been written.</summary>
public sealed class DiskFullStream(Stream inner, long capacity) : Stream
{
    /// <summary>ENOSPC, as .NET reports it on Linux.</summary>
    public const int NoSpaceHResult = 28;

    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, Math.Min(buffer.Length, capacity - _written));
        inner.Write(buffer[..room]);
        _written += room;
        if (room < buffer.Length)
        {
            throw new IOException("No space left on device", NoSpaceHResult);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
