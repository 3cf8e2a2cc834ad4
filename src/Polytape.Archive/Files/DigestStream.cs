using System.Security.Cryptography;

namespace Polytape.Archive.Files;

/// <summary>
/// Sits between the compressor and the file: counts and SHA-256-hashes the compressed bytes on their way out, so
/// sealing needs no second read. Once <see cref="Poison"/>ed it swallows writes, so abandoning a failed file
/// cannot append anything to what is already on disk.
/// </summary>
internal sealed class DigestStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _poisoned;

    public DigestStream(Stream inner)
    {
        _inner = inner;
    }

    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public void Poison() => _poisoned = true;

    /// <summary>Lowercase hex SHA-256 of everything written.</summary>
    public string HashHex()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_poisoned)
        {
            return;
        }

        _inner.Write(buffer);
        _hash.AppendData(buffer);
        BytesWritten += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        if (!_poisoned)
        {
            _inner.Flush();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
