using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Archive.Files;
using Polytape.Archive.Recovery;
using Polytape.Archive.Tests.Support;

namespace Polytape.Archive.Tests;

public sealed class ArchiveRecoveryTests
{
    private const int RecordCount = 300;
    private const int FlushEvery = 25;

    [Theory]
    [InlineData(ArchiveFormat.Zstd)]
    [InlineData(ArchiveFormat.Gzip)]
    public async Task Recovery_OpenFileCutAtManyOffsets_RecoversExactlyTheCompleteRecordsBeforeTheCut(ArchiveFormat format)
    {
        var originals = Enumerable.Range(0, RecordCount)
            .Select(i => i % 5 == 0 ? Records.Tricky[i % Records.Tricky.Count] : Records.PriceChange(i))
            .ToList();
        var (name, bytes, boundaries) = await CaptureOpenFileAsync(originals, format);
        var cuts = new SortedSet<int> { 0, 5, 10, 11, 30, bytes.Length };
        for (var i = 0; i < boundaries.Count; i++)
        {
            var (length, _) = boundaries[i];
            cuts.UnionWith([length - 1, length, length + 1, length + 97]);
            if (i + 1 < boundaries.Count)
            {
                cuts.Add((length + boundaries[i + 1].Length) / 2);
            }
        }

        foreach (var cut in cuts.Where(c => c >= 0 && c <= bytes.Length))
        {
            using var directory = new TempDirectory();
            await File.WriteAllBytesAsync(directory.Combine(name), bytes[..cut]);

            var result = Recover(directory.Path);

            var file = Assert.Single(result.RecoveredFiles);
            var flushedBefore = boundaries.Where(b => b.Length <= cut).Select(b => b.Records).DefaultIfEmpty(0).Max();
            var flushedAfter = boundaries.Where(b => b.Length > cut).Select(b => b.Records).DefaultIfEmpty(RecordCount).Min();
            Assert.InRange(file.Records, flushedBefore, flushedAfter);
            if (boundaries.Any(b => b.Length == cut))
            {
                Assert.Equal(flushedBefore, file.Records);
                Assert.Equal(0, file.LostBytes);
            }

            Assert.Empty(directory.Open());
            Assert.Equal(file.Records, result.LastSequence);
            var read = ArchiveReader.Read(directory.Path).ToList();
            Assert.Equal(Enumerable.Range(1, (int)file.Records).Select(s => (long)s), read.Select(r => r.Sequence));
            Assert.All(read, r => Assert.Equal(originals[(int)r.Sequence - 1], r.Payload.ToArray()));
            if (file.Records > 0)
            {
                var sealedFile = Assert.Single(directory.Sealed());
                Assert.Equal(file.SealedPath, sealedFile);
                Assert.Equal(format, ArchiveFileNames.FormatOf(sealedFile));
                Assert.True((await ArchiveReader.VerifyAsync(sealedFile)).IsValid, $"cut {cut}");
                Assert.True(ArchiveReader.ReadManifest(sealedFile).Recovered);
            }
            else
            {
                Assert.Empty(Directory.GetFiles(directory.Path));
            }
        }
    }

    [Fact]
    public async Task OpenAsync_CopyOfALiveOpenFile_RecoversTheFlushedRecordsAndContinuesTheSequence()
    {
        using var live = new TempDirectory();
        using var crashed = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(live.Path))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 100).Select(i => Records.Ws(Records.PriceChange(i))));
            await writer.FlushAsync();
            await Archives.AppendAllAsync(writer, Enumerable.Range(100, 50).Select(i => Records.Ws(Records.Noise(700, i))));

            // What kill -9 leaves: the open file as it is on disk right now.
            var openFile = Assert.Single(live.Open());
            File.Copy(openFile, crashed.Combine(Path.GetFileName(openFile)));
        }

        await using (var restarted = await Archives.OpenAsync(crashed.Path))
        {
            var recovered = Assert.Single(restarted.Recovery.RecoveredFiles);
            Assert.InRange(recovered.Records, 100, 150);
            Assert.Equal(recovered.Records, restarted.LastSequence);
            await restarted.AppendAsync(Records.Ws("after restart"));
        }

        var liveRecords = ArchiveReader.Read(live.Path).ToList();
        var crashedRecords = ArchiveReader.Read(crashed.Path).ToList();
        Assert.Equal(Enumerable.Range(1, crashedRecords.Count).Select(s => (long)s), crashedRecords.Select(r => r.Sequence));
        Assert.All(crashedRecords[..^1], r => Assert.Equal(liveRecords[(int)r.Sequence - 1].Payload.ToArray(), r.Payload.ToArray()));
        Assert.Equal("after restart"u8.ToArray(), crashedRecords[^1].Payload.ToArray());
        foreach (var file in crashed.Sealed())
        {
            Assert.True((await ArchiveReader.VerifyAsync(file)).IsValid);
        }
    }

    [Fact]
    public async Task Recovery_OpenFileThatIsNotGzip_IsRemovedAndReportedAsLost()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("polytape-20261122T120000Z-000000000001.jsonl.gz.open");
        await File.WriteAllBytesAsync(path, Records.Noise(500, 1));

        var file = Assert.Single(Recover(directory.Path).RecoveredFiles);

        Assert.Equal((0L, 500L), (file.Records, file.OpenFileBytes));
        Assert.Null(file.SealedPath);
        Assert.NotNull(file.StopReason);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Recovery_OpenCopyOfAnAlreadySealedFile_RemovesOnlyTheCopy()
    {
        using var directory = new TempDirectory();
        await WriteSealedAsync(directory.Path, 10);
        var sealedFile = Assert.Single(directory.Sealed());
        File.Copy(sealedFile, sealedFile + ".open");

        var result = Recover(directory.Path);

        Assert.Equal("already sealed", Assert.Single(result.RecoveredFiles).StopReason);
        Assert.Empty(directory.Open());
        Assert.True((await ArchiveReader.VerifyAsync(sealedFile)).IsValid);
        Assert.Equal(10, result.LastSequence);
    }

    [Fact]
    public async Task Recovery_SealedFileWithoutManifest_RebuildsItAndFindsTheLastSequence()
    {
        using var directory = new TempDirectory();
        await WriteSealedAsync(directory.Path, 12);
        var sealedFile = Assert.Single(directory.Sealed());
        var manifest = ArchiveReader.ReadManifest(sealedFile);
        File.Delete(sealedFile + ".manifest.json");
        await File.WriteAllTextAsync(sealedFile + ".manifest.json.tmp", "{\"half\":");
        await File.WriteAllTextAsync(sealedFile + ".recovering", "partial copy");

        var result = Recover(directory.Path);

        Assert.Equal(sealedFile, Assert.Single(result.RebuiltManifests));
        Assert.Equal(12, result.LastSequence);
        var rebuilt = ArchiveReader.ReadManifest(sealedFile);
        Assert.Equal((manifest.Sha256, manifest.Records, manifest.Bytes), (rebuilt.Sha256, rebuilt.Records, rebuilt.Bytes));
        Assert.Equal(manifest.CountsByEventType, rebuilt.CountsByEventType);
        Assert.Equal(2, Directory.GetFiles(directory.Path, "polytape-*").Length);
    }

    private static ArchiveRecoveryResult Recover(string directory) =>
        new ArchiveRecoverer(directory, ArchiveStreams.CreateFile, System.IO.Compression.CompressionLevel.Fastest, NullLogger.Instance)
            .Run(CancellationToken.None);

    private static async Task WriteSealedAsync(string directory, int records)
    {
        await using var writer = await Archives.OpenAsync(directory);
        await Archives.AppendAllAsync(writer, Enumerable.Range(0, records).Select(i => Records.Ws(Records.PriceChange(i), i % 2 == 0 ? "book" : "price_change")));
    }

    /// <summary>Writes the records with a flush every <see cref="FlushEvery"/>, noting the open file's length at each flush.</summary>
    private static async Task<(string Name, byte[] Bytes, List<(int Length, int Records)> Boundaries)> CaptureOpenFileAsync(
        List<byte[]> payloads, ArchiveFormat format)
    {
        using var directory = new TempDirectory();
        var boundaries = new List<(int Length, int Records)>();
        await using var writer = await Archives.OpenAsync(directory.Path, configure: o => o.Format = format);
        for (var i = 0; i < payloads.Count; i++)
        {
            await writer.AppendAsync(Records.Ws(payloads[i]));
            if ((i + 1) % FlushEvery == 0)
            {
                await writer.FlushAsync();
                boundaries.Add(((int)new FileInfo(Assert.Single(directory.Open())).Length, i + 1));
            }
        }

        var openFile = Assert.Single(directory.Open());
        using var copy = new MemoryStream();
        await using (var source = new FileStream(openFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await source.CopyToAsync(copy);
        }

        return (Path.GetFileName(openFile), copy.ToArray(), boundaries);
    }
}
