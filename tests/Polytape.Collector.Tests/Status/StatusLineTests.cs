using Polytape.Collector.Configuration;
using Polytape.Collector.Feed;
using Polytape.Collector.Status;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Status;

public sealed class StatusLineTests
{
    [Fact]
    public void Render_Healthy_IsTheCompactLine() =>
        Assert.Equal(
            "conns 2/2 · assets 2,388 live 2,380 syncing 6 suspect 2 · 3,120 ev/s · archive 412 MB · lag 0",
            StatusLine.Render(StatusSamples.Receiving()));

    [Fact]
    public void Render_Trouble_LeadsWithTheStateAndShowsResyncingAndFaults()
    {
        var status = StatusSamples.Receiving() with
        {
            State = RecorderState.RunningReconnecting,
            Connections = [.. StatusSamples.Receiving().Connections.Take(1), new ConnectionStatus("c2", FeedState.Reconnecting, 2, 188, 1, null)],
            Assets = new AssetCounts { Total = 10, Live = 4, Syncing = 3, Suspect = 1, Resyncing = 2 },
            StoreLag = null,
            Faults = [new ComponentFault("sqlite", "locked", StatusSamples.Start)],
        };

        Assert.Equal(
            "RECONNECTING · conns 1/2 · assets 10 live 4 syncing 3 suspect 1 resyncing 2 · 3,120 ev/s · archive 412 MB · FAULTED sqlite",
            StatusLine.Render(status));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_500, "1.5 kB")]
    [InlineData(12_340_000, "12.3 MB")]
    [InlineData(412_000_000, "412 MB")]
    [InlineData(2_500_000_000_000, "2.5 TB")]
    public void Bytes_UseDecimalUnits(long bytes, string expected) => Assert.Equal(expected, StatusLine.Bytes(bytes));

    [Theory]
    [InlineData(StatusLineMode.Auto, false, true)]
    [InlineData(StatusLineMode.Auto, true, false)]
    [InlineData(StatusLineMode.On, true, true)]
    [InlineData(StatusLineMode.Off, false, false)]
    public void ShouldShow_AutoFollowsTheTerminal(StatusLineMode mode, bool redirected, bool expected) =>
        Assert.Equal(expected, StatusLineWriter.ShouldShow(mode, redirected));

    [Fact]
    public void Writer_RedrawsInPlaceEverySecond_AndEndsWithANewLine()
    {
        var time = new ManualTimeProvider();
        var output = new StringWriter();
        var events = 1.0;
        var writer = new StatusLineWriter(output, () => StatusSamples.Receiving() with { EventsPerSecond = events }, time);

        writer.Start();
        events = 2;
        time.Advance(TimeSpan.FromMilliseconds(999));
        var afterFirst = output.ToString();
        time.Advance(TimeSpan.FromMilliseconds(1));
        events = 3;
        writer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));

        var draws = output.ToString().Split('\r');
        Assert.Equal(1, afterFirst.Count(c => c == '\r'));
        Assert.Equal(3, draws.Length); // two redraws, then the final line ended by a newline
        Assert.Contains("· 1 ev/s ·", draws[0], StringComparison.Ordinal);
        Assert.EndsWith("\u001b[K", draws[0], StringComparison.Ordinal);
        Assert.Contains("· 2 ev/s ·", draws[1], StringComparison.Ordinal);
        Assert.Contains("· 3 ev/s ·", draws[2], StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, draws[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_CutsLinesWiderThanTheTerminal()
    {
        var output = new StringWriter();
        var writer = new StatusLineWriter(output, StatusSamples.Receiving, new ManualTimeProvider(), width: () => 40);

        writer.Redraw();

        var drawn = output.ToString().Split('\u001b')[0];
        Assert.Equal(39, drawn.Length);
        Assert.EndsWith("…", drawn, StringComparison.Ordinal);
    }
}
