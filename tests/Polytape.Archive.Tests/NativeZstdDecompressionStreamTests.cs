using System.IO.Compression;
using System.Text;
using Polytape.Archive.Files;

namespace Polytape.Archive.Tests;

/// <summary>The native zstd reader keeps the managed port's semantics: cut-short files, following, truncation, damage.</summary>
public sealed class NativeZstdDecompressionStreamTests
{
    /// <summary>Three flushed blocks (as the writer's timed flushes make them) in one frame.</summary>
    private static readonly (byte[] Text, byte[] Compressed) MultiBlock = Compress(3);

    [Fact]
    public void CompleteFrame_ReadsBackWhatWasWritten_EvenThroughATinyBuffer()
    {
        Assert.Equal(MultiBlock.Text, ReadAll(new MemoryStream(MultiBlock.Compressed), complete: true, bufferSize: 7));
    }

    [Fact]
    public void CutAtEveryOffset_NotComplete_EndsQuietlyWithAPrefix_AndResumesWithWhatIsAppended()
    {
        for (var cut = 0; cut <= MultiBlock.Compressed.Length; cut++)
        {
            var input = new GrowingStream(MultiBlock.Compressed.AsSpan(0, cut));
            using var zstd = ArchiveCodec.Decompress(input, ArchiveFormat.Zstd, complete: false);

            var before = ReadToEnd(zstd, bufferSize: 100);
            Assert.True(MultiBlock.Text.AsSpan().StartsWith(before), $"cut at {cut}: not a prefix");

            input.Append(MultiBlock.Compressed.AsSpan(cut));
            var after = ReadToEnd(zstd, bufferSize: 100);
            Assert.Equal(MultiBlock.Text, before.Concat(after).ToArray());
        }
    }

    [Fact]
    public void CutInsideTheFrame_Complete_ThrowsEndOfStream_AtEveryOffset()
    {
        Assert.Empty(ReadAll(new MemoryStream([]), complete: true));
        for (var cut = 1; cut < MultiBlock.Compressed.Length; cut++)
        {
            var input = new MemoryStream(MultiBlock.Compressed[..cut]);
            Assert.Throws<EndOfStreamException>(() => ReadAll(input, complete: true));
        }
    }

    [Fact]
    public void ConcatenatedFrames_Complete_ReadAsOneStream_AndACutBetweenThemIsNoTruncation()
    {
        var second = Compress(2);
        byte[] both = [.. MultiBlock.Compressed, .. second.Compressed];

        Assert.Equal(MultiBlock.Text.Concat(second.Text).ToArray(), ReadAll(new MemoryStream(both), complete: true));
        Assert.Equal(MultiBlock.Text, ReadAll(new MemoryStream(both[..MultiBlock.Compressed.Length]), complete: true));
        Assert.Throws<EndOfStreamException>(() => ReadAll(new MemoryStream(both[..(MultiBlock.Compressed.Length + 6)]), complete: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DamagedHeader_ThrowsWhatIsDamageRecognises(bool complete)
    {
        var damaged = MultiBlock.Compressed.ToArray();
        damaged[0] ^= 0xFF;

        var error = Assert.ThrowsAny<Exception>(() => ReadAll(new MemoryStream(damaged), complete));

        Assert.True(ArchiveCodec.IsDamage(error), error.ToString());
        Assert.Contains("zstd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_DisposesTheInput_AndReadingAfterwardsThrows()
    {
        var input = new MemoryStream(MultiBlock.Compressed);
        var zstd = ArchiveCodec.Decompress(input, ArchiveFormat.Zstd, complete: true);
        zstd.Dispose();
        zstd.Dispose();

        Assert.False(input.CanRead);
        Assert.Throws<ObjectDisposedException>(() => zstd.ReadByte());
    }

    private static (byte[] Text, byte[] Compressed) Compress(int blocks)
    {
        var text = new MemoryStream();
        var compressed = new MemoryStream();
        using (var zstd = ArchiveCodec.Compress(compressed, ArchiveFormat.Zstd, CompressionLevel.Fastest))
        {
            for (var block = 0; block < blocks; block++)
            {
                var lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"block\":{block},\"line\":{i * 7919 % 1000}}}\n")));
                zstd.Write(lines);
                zstd.Flush();
                text.Write(lines);
            }
        }

        return (text.ToArray(), compressed.ToArray());
    }

    private static byte[] ReadAll(Stream input, bool complete, int bufferSize = 4096)
    {
        using var zstd = ArchiveCodec.Decompress(input, ArchiveFormat.Zstd, complete);
        return ReadToEnd(zstd, bufferSize);
    }

    private static byte[] ReadToEnd(Stream stream, int bufferSize)
    {
        var result = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            result.Write(buffer, 0, read);
        }

        return result.ToArray();
    }

    /// <summary>A file still being written: reads what is there, and later what was appended since.</summary>
    private sealed class GrowingStream(ReadOnlySpan<byte> initial) : Stream
    {
        private readonly List<byte> _bytes = [.. initial];
        private int _position;

        public void Append(ReadOnlySpan<byte> bytes) => _bytes.AddRange(bytes);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(count, _bytes.Count - _position);
            _bytes.CopyTo(_position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _bytes.Count;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
