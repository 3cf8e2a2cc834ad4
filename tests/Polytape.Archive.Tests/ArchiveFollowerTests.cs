using Polytape.Archive.Tests.Support;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests;

public sealed class ArchiveFollowerTests
{
    [Fact]
    public async Task ReadAvailable_GrowingOpenFile_ReturnsOnlyNewRecordsWithoutReopeningIt()
    {
        using var directory = new TempDirectory();
        await using var writer = await Archives.OpenAsync(directory.Path);
        using var follower = new ArchiveFollower(directory.Path);
        await Archives.AppendAllAsync(writer, Enumerable.Range(0, 10).Select(i => Records.Ws($"frame {i}")));
        await writer.FlushAsync();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), follower.ReadAvailable().Select(r => r.Sequence));
        Assert.Empty(follower.ReadAvailable());

        await Archives.AppendAllAsync(writer, Enumerable.Range(10, 5).Select(i => Records.Ws($"frame {i}")));
        await writer.FlushAsync();
        var more = follower.ReadAvailable().ToList();

        Assert.Equal(Enumerable.Range(11, 5).Select(i => (long)i), more.Select(r => r.Sequence));
        Assert.Equal("frame 14", System.Text.Encoding.UTF8.GetString(more[^1].Payload.Span));
        Assert.Equal(1, follower.FilesOpened);
        Assert.Single(directory.Open());
    }

    [Fact]
    public async Task ReadAvailable_AcrossRotationAndSealing_NoGapsNoDuplicates()
    {
        using var directory = new TempDirectory();
        var seen = new List<long>();
        using var follower = new ArchiveFollower(directory.Path);
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => o.MaxFileBytes = 16 * 1024))
        {
            for (var round = 0; round < 8; round++)
            {
                await Archives.AppendAllAsync(writer, Enumerable.Range(0, 25).Select(i => Records.Ws(Records.Noise(1024, (round * 25) + i))));
                await writer.FlushAsync();
                seen.AddRange(follower.ReadAvailable().Select(r => r.Sequence));
            }
        }

        seen.AddRange(follower.ReadAvailable().Select(r => r.Sequence));
        Assert.True(directory.Sealed().Length >= 5, "the writer should have rotated");
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seen);
        Assert.True(follower.FilesOpened <= directory.Sealed().Length, $"{follower.FilesOpened} opens for {directory.Sealed().Length} files");
    }

    [Fact]
    public async Task ReadAvailable_AfterASequence_StartsAfterIt()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => o.MaxFileBytes = 16 * 1024))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 100).Select(i => Records.Ws(Records.Noise(1024, i))));
        }

        using var follower = new ArchiveFollower(directory.Path, afterSequence: 77);

        Assert.Equal(Enumerable.Range(78, 23).Select(i => (long)i), follower.ReadAvailable().Select(r => r.Sequence));
        Assert.Equal(100, follower.LastSequence);
    }

    [Fact]
    public void ReadAvailable_MissingDirectory_IsEmpty()
    {
        using var follower = new ArchiveFollower(Path.Combine(Path.GetTempPath(), "polytape-no-such-archive-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(follower.ReadAvailable());
    }
}
