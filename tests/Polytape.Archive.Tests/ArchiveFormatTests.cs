using Polytape.Archive.Files;
using Polytape.Archive.Tests.Support;

namespace Polytape.Archive.Tests;

/// <summary>zstd and gzip files side by side: what a directory holds after switching formats (or upgrading).</summary>
public sealed class ArchiveFormatTests
{
    [Fact]
    public async Task GzipFilesThenZstdFiles_ReadBackAsOneSequence_AndTheWriterContinuesAfterThem()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => o.Format = ArchiveFormat.Gzip))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 10).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(10, 10).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        var files = directory.Sealed();
        Assert.Equal([ArchiveFormat.Gzip, ArchiveFormat.Zstd], files.Select(ArchiveFileNames.FormatOf));
        Assert.All(files, file => Assert.True(ArchiveReader.VerifyAsync(file).GetAwaiter().GetResult().IsValid, file));
        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), read.Select(r => r.Sequence));
        Assert.Equal(Records.PriceChange(19), read[^1].Payload.ToArray());
        using var follower = new ArchiveFollower(directory.Path);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), follower.ReadAvailable().Select(r => r.Sequence));
    }

    [Fact]
    public async Task OpenGzipFileLeftByAnOlderRun_IsRecoveredAsGzip_WhileNewFilesAreZstd()
    {
        using var directory = new TempDirectory();
        await using (var crashed = await Archives.OpenAsync(directory.Path, configure: o => o.Format = ArchiveFormat.Gzip))
        {
            await Archives.AppendAllAsync(crashed, Enumerable.Range(0, 5).Select(i => Records.Ws(Records.PriceChange(i))));
            await crashed.FlushAsync();
            var open = Assert.Single(directory.Open());
            File.Copy(open, directory.Combine("copy"));
        }

        // The crash: the sealed file and its manifest vanish, the flushed .open copy stays.
        var sealedGzip = Assert.Single(directory.Sealed());
        File.Delete(sealedGzip);
        File.Delete(ArchiveFileNames.ManifestPathOf(sealedGzip));
        File.Move(directory.Combine("copy"), sealedGzip + ArchiveFileNames.OpenSuffix);

        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, [Records.Ws("after restart"u8.ToArray())]);
        }

        var files = directory.Sealed();
        Assert.Equal([sealedGzip, files[1]], files);
        Assert.Equal(ArchiveFormat.Zstd, ArchiveFileNames.FormatOf(files[1]));
        Assert.True(ArchiveReader.ReadManifest(sealedGzip).Recovered);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), ArchiveReader.Read(directory.Path).Select(r => r.Sequence));
    }

    [Fact]
    public async Task SealedZstdFileWithADamagedHeader_FailsVerificationWithAReason()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 10).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        var file = Assert.Single(directory.Sealed());
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var verification = await ArchiveReader.VerifyAsync(file);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, problem => problem.Contains("damaged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("polytape-20261122T120000Z-000000000001.jsonl.zst", ArchiveFormat.Zstd, 1L)]
    [InlineData("polytape-20261122T120000Z-000000000042.jsonl.gz", ArchiveFormat.Gzip, 42L)]
    [InlineData("polytape-20261122T120000Z-000000000007.jsonl.gz.open", ArchiveFormat.Gzip, 7L)]
    [InlineData("polytape-20261122T120000Z-000000000009.jsonl.zst.recovering", ArchiveFormat.Zstd, 9L)]
    public void FileNames_SayTheFormatAndTheFirstSequence(string name, ArchiveFormat format, long firstSequence)
    {
        Assert.Equal(format, ArchiveFileNames.FormatOf(name));
        Assert.True(ArchiveFileNames.TryParseFirstSequence(name, out var parsed));
        Assert.Equal(firstSequence, parsed);
    }
}
