using Polytape.Collector.Status;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Status;

public sealed class StatusFileWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "polytape-status-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Start_WritesAtOnceAndThenEveryInterval_CreatingTheDirectory()
    {
        var time = new ManualTimeProvider();
        var path = Path.Combine(_directory, "nested", "status.json");
        var events = 0.0;
        using var writer = new StatusFileWriter(path, TimeSpan.FromSeconds(5), () => StatusSamples.Receiving() with { EventsPerSecond = events }, time);

        writer.Start();
        var first = StatusDocument.Parse(File.ReadAllText(path))!;
        events = 42;
        time.Advance(TimeSpan.FromSeconds(4));
        var unchanged = StatusDocument.Parse(File.ReadAllText(path))!;
        time.Advance(TimeSpan.FromSeconds(1));
        var second = StatusDocument.Parse(File.ReadAllText(path))!;

        Assert.Equal(0, first.EventsPerSecond);
        Assert.Equal(0, unchanged.EventsPerSecond);
        Assert.Equal(42, second.EventsPerSecond);
    }

    [Fact]
    public void TryWrite_ReplacesTheFileWholeAndLeavesNoTemporaryFile()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "status.json");
        File.WriteAllText(path, new string('x', 100_000)); // longer than any document: a non-atomic rewrite would leave a tail
        using var writer = new StatusFileWriter(path, TimeSpan.FromSeconds(5), StatusSamples.Receiving, new ManualTimeProvider());

        Assert.True(writer.TryWrite());

        Assert.Equal(StatusDocument.ToJson(StatusSamples.Receiving()), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void TryWrite_UnwritablePlace_CountsTheFailureInsteadOfThrowing()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "file");
        File.WriteAllText(blocker, "not a directory");
        using var writer = new StatusFileWriter(Path.Combine(blocker, "status.json"), TimeSpan.FromSeconds(5), StatusSamples.Receiving, new ManualTimeProvider());

        Assert.False(writer.TryWrite());
        Assert.Equal(1, writer.Failures);
    }

    [Fact]
    public void Dispose_StopsTheTimer()
    {
        var time = new ManualTimeProvider();
        var path = Path.Combine(_directory, "status.json");
        var calls = 0;
        var writer = new StatusFileWriter(path, TimeSpan.FromSeconds(1), () => { calls++; return StatusSamples.Receiving(); }, time);
        writer.Start();
        writer.Dispose();

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls);
    }
}
