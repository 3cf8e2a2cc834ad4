using Polytape.Collector.Configuration;

namespace Polytape.Collector.Tests.Configuration;

public sealed class ConfigDurationTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:00:10", 10_000)]
    [InlineData(" 0s ", 0)]
    public void Parse_AcceptedSpellings_GiveTheDuration(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ConfigDuration.Parse(text));

    [Theory]
    [InlineData("10", "has no unit")]
    [InlineData("ten seconds", "is not a duration")]
    [InlineData("10y", "unknown unit 'y'")]
    [InlineData("", "a duration is required")]
    [InlineData("-5s", "is not a duration")]
    [InlineData("00:99:xx", "hh:mm:ss")]
    public void Parse_BadText_SaysWhatToWrite(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ConfigDuration.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(250, "250ms")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(0, "0s")]
    public void Format_GivesTheShortestFormThatParsesBack(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, ConfigDuration.Format(value));
        Assert.Equal(value, ConfigDuration.Parse(ConfigDuration.Format(value)));
    }
}
