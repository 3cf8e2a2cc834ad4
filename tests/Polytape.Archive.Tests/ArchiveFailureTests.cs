using Polytape.Archive.Files;
using Polytape.Archive.Tests.Support;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests;

public sealed class ArchiveFailureTests
{
    [Fact]
    public async Task DiskFull_WhileWriting_StopsCleanlyWithSealedFilesIntactAndTheOpenFileRecoverable()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider();
        var created = 0;
        Stream CreateStream(string path) =>
            Interlocked.Increment(ref created) == 1
                ? ArchiveStreams.CreateFile(path)
                : new DiskFullStream(ArchiveStreams.CreateFile(path), capacity: 6_000);

        var writer = await Archives.OpenAsync(directory.Path, time, createStream: CreateStream);
        await Archives.AppendAllAsync(writer, Enumerable.Range(0, 50).Select(i => Records.Ws(Records.PriceChange(i))));
        await writer.FlushAsync();
        time.Advance(TimeSpan.FromHours(1));

        var flushedInSecondFile = 0;
        var appended = new List<byte[]>();
        var failure = await Assert.ThrowsAsync<ArchiveException>(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                var payload = Records.Noise(300, i);
                await writer.AppendAsync(Records.Ws(payload));
                appended.Add(payload);
                if (i % 5 == 4)
                {
                    await writer.FlushAsync();
                    flushedInSecondFile = i + 1;
                }
            }
        });

        Assert.True(flushedInSecondFile > 0, "the disk should fill only after some flushes succeeded");
        Assert.StartsWith("disk full while writing ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(".open", failure.Message, StringComparison.Ordinal);
        Assert.Contains("files up to seq 50 are sealed", failure.Message, StringComparison.Ordinal);
        Assert.Same(failure, await Assert.ThrowsAsync<ArchiveException>(() => writer.Completion));
        Assert.Same(failure, await Assert.ThrowsAsync<ArchiveException>(() => writer.AppendAsync(Records.Ws("more")).AsTask()));
        await writer.DisposeAsync();

        var sealedFile = Assert.Single(directory.Sealed());
        Assert.True((await ArchiveReader.VerifyAsync(sealedFile)).IsValid);
        Assert.Single(directory.Open());

        await using (var restarted = await Archives.OpenAsync(directory.Path, time))
        {
            var recovered = Assert.Single(restarted.Recovery.RecoveredFiles);
            Assert.Equal(51, recovered.FirstSequence);
            Assert.InRange(recovered.Records, flushedInSecondFile, appended.Count);
        }

        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.Equal(Enumerable.Range(1, read.Count).Select(s => (long)s), read.Select(r => r.Sequence));
        Assert.All(read.Skip(50), r => Assert.Equal(appended[(int)r.Sequence - 51], r.Payload.ToArray()));
        foreach (var file in directory.Sealed())
        {
            Assert.True((await ArchiveReader.VerifyAsync(file)).IsValid);
        }
    }

    [Fact]
    public async Task OpenAsync_DirectoryUnderARegularFile_FailsAtStartWithAClearError()
    {
        using var directory = new TempDirectory();
        var blocker = directory.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var archiveDirectory = Path.Combine(blocker, "archive");

        var error = await Assert.ThrowsAsync<ArchiveException>(() => Archives.OpenAsync(archiveDirectory));

        Assert.StartsWith($"archive directory {archiveDirectory} is not writable: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_DirectoryHeldByAnotherWriter_RefusesWithoutTouchingItsOpenFile()
    {
        using var directory = new TempDirectory();
        await using var first = await Archives.OpenAsync(directory.Path);
        await first.AppendAsync(Records.Ws("live"));
        await first.FlushAsync();

        var error = await Assert.ThrowsAsync<ArchiveException>(() => Archives.OpenAsync(directory.Path));

        Assert.Contains("in use by another Polytape writer", error.Message, StringComparison.Ordinal);
        Assert.Single(directory.Open());
        await first.AppendAsync(Records.Ws("still live"));
        await first.DisposeAsync();
        Assert.Equal(2, ArchiveReader.Read(directory.Path).Count());
        await using var next = await Archives.OpenAsync(directory.Path);
        Assert.Equal(2, next.LastSequence);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ThrowsBeforeTouchingTheDisk()
    {
        using var directory = new TempDirectory();
        var target = directory.Combine("never-created");

        await Assert.ThrowsAsync<ArgumentException>(() => Archives.OpenAsync(target, configure: o => o.QueueCapacity = 0));

        Assert.False(Directory.Exists(target));
    }
}
