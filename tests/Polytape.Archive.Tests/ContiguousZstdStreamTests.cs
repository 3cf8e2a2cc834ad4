using System.Buffers.Binary;
using System.Text;
using Polytape.Archive.Files;
using Polytape.Archive.Tests.Support;

namespace Polytape.Archive.Tests;

/// <summary>
/// The zstd compressor that reads its input in place: standard concatenated frames, sync flushes that make everything so
/// far decodable, no empty frames, and a clean stop after a failed write.
/// </summary>
public sealed class ContiguousZstdStreamTests
{
    /// <summary>Small enough that a few hundred lines span several frames (and the buffer grows up to it).</summary>
    private const int SmallBuffer = 16 * 1024;

    private const uint FrameMagic = 0xFD2FB528;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    public async Task ManyFlushesAndFrames_ReadBackThroughOurReaderAndTheZstdCli(int level)
    {
        var text = new MemoryStream();
        var compressed = new MemoryStream();
        using (var zstd = new ContiguousZstdStream(compressed, level, feedBytes: 1000, maxBufferBytes: SmallBuffer))
        {
            for (var i = 0; i < 600; i++)
            {
                // Line 300 is larger than the largest buffer, so it gets a frame of its own.
                var line = Line(i, i == 300 ? 3 * SmallBuffer : 80);
                zstd.Write(line);
                text.Write(line);
                if (i % 37 == 0)
                {
                    zstd.Flush();
                }
            }
        }

        var bytes = compressed.ToArray();
        // 24 KB before the large line (two frames), its own frame, 24 KB after it (two more).
        Assert.True(CountFrameMagics(bytes) >= 5, "expected a frame per full buffer");
        Assert.Equal(text.ToArray(), Decompress(bytes, complete: true));
        if (ZstdCli.IsPresent)
        {
            Assert.Equal(text.ToArray(), await ZstdCli.DecompressAsync(bytes));
        }
    }

    [Fact]
    public void Flush_MakesEveryLineSoFarDecodable_AndFlushesTheOutput_AcrossFrameEnds()
    {
        var output = new FlushCountingStream();
        var text = new MemoryStream();
        using var zstd = new ContiguousZstdStream(output, level: 1, feedBytes: 1000, maxBufferBytes: SmallBuffer);
        for (var i = 0; i < 400; i++)
        {
            var line = Line(i, 100);
            zstd.Write(line);
            text.Write(line);
            if (i % 50 == 49)
            {
                var flushesBefore = output.Flushes;
                zstd.Flush();

                Assert.Equal(flushesBefore + 1, output.Flushes);
                Assert.Equal(text.ToArray(), Decompress(output.ToArray(), complete: false));
            }
        }
    }

    [Fact]
    public void EmptyFlushes_WriteNothing_AndAnEmptyStreamIsOneValidEmptyFrame()
    {
        var output = new MemoryStream();
        var zstd = new ContiguousZstdStream(output, level: 1, feedBytes: 1000);
        zstd.Flush();
        Assert.Equal(0, output.Length);

        zstd.Write(Line(1, 50));
        zstd.Flush();
        var afterFirstFlush = output.Length;
        zstd.Flush();
        zstd.Flush();
        Assert.Equal(afterFirstFlush, output.Length);

        zstd.Dispose();
        zstd.Dispose();
        Assert.Equal(Line(1, 50), Decompress(output.ToArray(), complete: true));
        Assert.Throws<ObjectDisposedException>(() => zstd.Write(Line(2, 50)));

        var empty = new MemoryStream();
        new ContiguousZstdStream(empty, level: 1, feedBytes: 1000).Dispose();
        Assert.InRange(empty.Length, 1, 32);
        Assert.Empty(Decompress(empty.ToArray(), complete: true));
    }

    [Fact]
    public void OutputCutAtEveryOffset_ReadsAPrefix_AndOnlyFrameEndsAreComplete()
    {
        var text = new MemoryStream();
        var compressed = new MemoryStream();
        using (var zstd = new ContiguousZstdStream(compressed, level: 1, feedBytes: 500, maxBufferBytes: 4096))
        {
            for (var i = 0; i < 120; i++)
            {
                var line = Line(i, 60);
                zstd.Write(line);
                text.Write(line);
                if (i % 10 == 9)
                {
                    zstd.Flush();
                }
            }
        }

        var bytes = compressed.ToArray();
        var completeCuts = 0;
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var prefix = Decompress(bytes[..cut], complete: false);
            Assert.True(text.ToArray().AsSpan().StartsWith(prefix), $"cut at {cut}: not a prefix");
            try
            {
                Assert.Equal(prefix, Decompress(bytes[..cut], complete: true));
                completeCuts++;
            }
            catch (EndOfStreamException)
            {
                // Cut inside a frame: a sealed file like this is reported as truncated.
            }
        }

        // The empty cut, then one per frame: the stream holds several frames, and no cut inside one reads as complete.
        Assert.InRange(completeCuts, 3, CountFrameMagics(bytes) + 1);
        Assert.Equal(text.ToArray(), Decompress(bytes, complete: true));
    }

    [Fact]
    public void FailedWrite_Propagates_LaterWritesFail_AndDisposeOnlyReleases()
    {
        var output = new DiskFullStream(new MemoryStream(), capacity: 100);
        var zstd = new ContiguousZstdStream(output, level: 1, feedBytes: 1000);
        zstd.Write(Line(1, 5000));

        Assert.Throws<IOException>(zstd.Flush);
        var again = Assert.Throws<IOException>(() => zstd.Write(Line(2, 5000)));
        Assert.Contains("abandoned", again.Message, StringComparison.Ordinal);
        zstd.Dispose();
    }

    [Fact]
    public async Task WriterArchive_SealedAndRotatedBySize_IsPlainZstdThatTheCliDecodesToTheSameLines()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => o.MaxFileBytes = 16 * 1024))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 1000).Select(i => Records.Ws(Records.Noise(1024, i))));
        }

        var files = directory.Sealed();
        Assert.True(files.Length > 1, "expected the size limit to rotate");
        var records = 0L;
        foreach (var file in files)
        {
            var verification = await ArchiveReader.VerifyAsync(file);
            Assert.True(verification.IsValid, file);
            records += ArchiveReader.Read(file).LongCount();
            if (ZstdCli.IsPresent)
            {
                var lines = (await ZstdCli.DecompressAsync(await File.ReadAllBytesAsync(file))).Count(b => b == (byte)'\n');
                Assert.Equal(ArchiveReader.Read(file).LongCount(), lines);
            }
        }

        Assert.Equal(1000, records);
    }

    /// <summary>A JSON-ish line of about <paramref name="length"/> bytes, compressible but not trivially so.</summary>
    private static byte[] Line(int index, int length)
    {
        var builder = new StringBuilder($"{{\"i\":{index},\"p\":\"");
        var state = (uint)(index * 2654435761);
        while (builder.Length < length - 3)
        {
            state = (state * 1664525) + 1013904223;
            builder.Append((char)('a' + (state >> 28)));
        }

        return Encoding.ASCII.GetBytes(builder.Append("\"}\n").ToString());
    }

    private static int CountFrameMagics(byte[] bytes)
    {
        var count = 0;
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == FrameMagic)
            {
                count++;
            }
        }

        return count;
    }

    private static byte[] Decompress(byte[] compressed, bool complete)
    {
        using var zstd = ArchiveCodec.Decompress(new MemoryStream(compressed), ArchiveFormat.Zstd, complete);
        var result = new MemoryStream();
        zstd.CopyTo(result);
        return result.ToArray();
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
