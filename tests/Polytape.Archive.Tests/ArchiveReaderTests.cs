using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Polytape.Archive.Tests.Support;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests;

public sealed class ArchiveReaderTests
{
    private const string WireFrames = "unidentified-go-repo_wire_frames_excerpt_2025-12.txt";

    [Fact]
    public async Task RealCaptures_EveryWireLineAndEveryFixtureFile_RoundTripByteExact()
    {
        using var directory = new TempDirectory();
        var lines = SplitLines(RealData.ReadAllBytes(WireFrames));
        Assert.Equal(3, lines.Count);
        var payloads = lines.Concat(RealData.AllDataFiles().Select(RealData.ReadAllBytes)).ToList();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, payloads.Select((payload, i) => Records.Ws(payload, connectionSequence: i + 1)));
        }

        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.Equal(payloads.Count, read.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.True(payloads[i].AsSpan().SequenceEqual(read[i].Payload.Span), $"payload {i + 1} differs");
        }
    }

    [Fact]
    public async Task ReadingWithAReusedPayloadBuffer_GivesEachPayloadExactlyWhileItIsCurrent()
    {
        // Small and large payloads alternate, so the buffer grows while records keep flowing; the follower reads the same.
        using var directory = new TempDirectory();
        var payloads = SplitLines(RealData.ReadAllBytes(WireFrames)).Concat(Records.Tricky)
            .Concat(RealData.AllDataFiles().Select(RealData.ReadAllBytes)).Concat(SplitLines(RealData.ReadAllBytes(WireFrames))).ToList();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, payloads.Select((payload, i) => Records.Ws(payload, connectionSequence: i + 1)));
        }

        var owned = ArchiveReader.Read(directory.Path).ToList();
        var reused = ArchiveReader.ReadReusingPayloads(directory.Path).Select(record => (record.Sequence, Payload: record.Payload.ToArray())).ToList();
        using var follower = new ArchiveFollower(directory.Path) { ReusePayloads = true };
        var followed = follower.ReadAvailable().Select(record => record.Payload.ToArray()).ToList();

        Assert.Equal(payloads.Count, owned.Count);
        Assert.Equal(owned.Select(record => record.Sequence), reused.Select(record => record.Sequence));
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.True(payloads[i].AsSpan().SequenceEqual(owned[i].Payload.Span), $"payload {i + 1} differs when owned");
            Assert.True(payloads[i].AsSpan().SequenceEqual(reused[i].Payload), $"payload {i + 1} differs when reused");
            Assert.True(payloads[i].AsSpan().SequenceEqual(followed[i]), $"payload {i + 1} differs when followed");
        }
    }

    [Theory]
    [InlineData(ArchiveFormat.Zstd, ".jsonl.zst")]
    [InlineData(ArchiveFormat.Gzip, ".jsonl.gz")]
    public async Task SealedFile_ReadWithAPlainDecoderAndLineSplitting_HoldsOneJsonEnvelopePerRecord(ArchiveFormat format, string extension)
    {
        using var directory = new TempDirectory();
        var payloads = SplitLines(RealData.ReadAllBytes(WireFrames)).Concat(Records.Tricky).ToList();
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => o.Format = format))
        {
            await Archives.AppendAllAsync(writer, payloads.Select(p => Records.Ws(p)));
        }

        // What `zstdcat file | jq` or `zcat file | jq` sees: one complete compressed stream, then one JSON object per line.
        var sealedFile = Assert.Single(directory.Sealed());
        Assert.EndsWith(extension, sealedFile, StringComparison.Ordinal);
        var lines = new List<string>();
        await using (var file = File.OpenRead(sealedFile))
        await using (Stream decoded = format == ArchiveFormat.Gzip
            ? new GZipStream(file, CompressionMode.Decompress)
            : new ZstdSharp.DecompressionStream(file, checkEndOfStream: true))
        using (var text = new StreamReader(decoded, new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            while (await text.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }

        Assert.Equal(payloads.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            using var envelope = JsonDocument.Parse(lines[i]);
            var root = envelope.RootElement;
            Assert.Equal(i + 1, root.GetProperty("seq").GetInt64());
            Assert.Equal(payloads[i].Length, root.GetProperty("len").GetInt32());
            var payload = root.TryGetProperty("payload", out var text)
                ? Encoding.UTF8.GetBytes(text.GetString()!)
                : root.GetProperty("payload_b64").GetBytesFromBase64();
            Assert.Equal(payloads[i], payload);
        }
    }

    [Fact]
    public async Task Read_SequenceAndTimeRanges_SelectAcrossFiles()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        await using (var writer = await Archives.OpenAsync(directory.Path, time))
        {
            for (var i = 0; i < 30; i++)
            {
                await writer.AppendAsync(new ArchiveRecord { Kind = ArchiveRecordKind.Ws, Payload = Records.PriceChange(i) });
                if (i % 10 == 9)
                {
                    await writer.FlushAsync();
                    time.Advance(TimeSpan.FromHours(1));
                }
            }
        }

        Assert.Equal(3, directory.Sealed().Length);
        Assert.Equal(
            Enumerable.Range(8, 7).Select(s => (long)s),
            ArchiveReader.Read(directory.Path, new ArchiveRange { FromSequence = 8, ToSequence = 14 }).Select(r => r.Sequence));
        Assert.Equal(
            Enumerable.Range(11, 10).Select(s => (long)s),
            ArchiveReader.Read(directory.Path, new ArchiveRange { Since = start.AddHours(1), Until = start.AddHours(2) }).Select(r => r.Sequence));
        Assert.Equal(
            Enumerable.Range(21, 10).Select(s => (long)s),
            ArchiveReader.Read(directory.Sealed().Reverse(), new ArchiveRange { FromSequence = 21 }).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Read_OpenFileOfALiveWriter_StopsCleanlyAtTheFlushedTail()
    {
        using var directory = new TempDirectory();
        await using var writer = await Archives.OpenAsync(directory.Path);
        await Archives.AppendAllAsync(writer, Enumerable.Range(0, 40).Select(i => Records.Ws(Records.PriceChange(i))));
        await writer.FlushAsync();
        await Archives.AppendAllAsync(writer, Enumerable.Range(40, 400).Select(i => Records.Ws(Records.Noise(200, i))));

        var read = ArchiveReader.Read(directory.Path).ToList();

        Assert.InRange(read.Count, 40, 440);
        Assert.Equal(Enumerable.Range(1, read.Count).Select(s => (long)s), read.Select(r => r.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_ByteChangedInSealedFile_ReportsTheShaMismatch()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 50).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        var sealedFile = Assert.Single(directory.Sealed());
        Assert.True((await ArchiveReader.VerifyAsync(sealedFile)).IsValid);
        var bytes = await File.ReadAllBytesAsync(sealedFile);
        bytes[bytes.Length / 2] ^= 0x55;
        await File.WriteAllBytesAsync(sealedFile, bytes);

        var verification = await ArchiveReader.VerifyAsync(sealedFile);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.StartsWith("sha256 is ", StringComparison.Ordinal));
        Assert.NotEqual(verification.ExpectedSha256, verification.ActualSha256);
    }

    [Fact]
    public async Task Read_TruncatedSealedFile_ThrowsArchiveExceptionNamingTheFile()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 200).Select(i => Records.Ws(Records.Noise(300, i))));
        }

        var sealedFile = Assert.Single(directory.Sealed());
        var bytes = await File.ReadAllBytesAsync(sealedFile);
        await File.WriteAllBytesAsync(sealedFile, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ArchiveException>(() => ArchiveReader.Read(directory.Path).Count());

        Assert.Contains(sealedFile, error.Message, StringComparison.Ordinal);
        Assert.False((await ArchiveReader.VerifyAsync(sealedFile)).IsValid);
    }

    /// <summary>The capture's lines without their '\n', exactly as the bytes in the file.</summary>
    private static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        var rest = content.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (!line.IsEmpty)
            {
                lines.Add(line.ToArray());
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return lines;
    }
}
