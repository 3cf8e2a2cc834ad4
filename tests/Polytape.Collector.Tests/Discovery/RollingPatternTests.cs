using Polytape.Collector.Discovery;
using Polytape.Simulator.Universe;

namespace Polytape.Collector.Tests.Discovery;

public sealed class RollingPatternTests
{
    public static TheoryData<string, RollingRecurrence> Patterns => new()
    {
        { "btc-updown-5m", RollingRecurrence.FiveMinutes },
        { "eth-updown-15m", RollingRecurrence.FifteenMinutes },
        { "sol-updown-1h", RollingRecurrence.OneHour },
        { "xrp-updown-4h", RollingRecurrence.FourHours },
        { "btc-updown-daily", RollingRecurrence.Daily },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Slugs_AgreeWithTheSimulatorsSlugRules_AcrossAYearOfTimes(string text, RollingRecurrence recurrence)
    {
        var pattern = RollingPattern.Parse(text);
        var coin = text[..text.IndexOf('-', StringComparison.Ordinal)];
        // Summer and winter time, a DST change day (2026-03-08), a month end, and an unaligned minute.
        foreach (var time in new[] { "2026-07-23T23:57:13Z", "2026-01-31T04:59:59Z", "2026-03-08T06:30:00Z", "2026-11-22T12:00:00Z" })
        {
            var now = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
            var start = RollingSlugs.WindowStart(recurrence, now);
            Assert.Equal(start, pattern.WindowStart(now));
            Assert.Equal(RollingSlugs.Slug(coin, recurrence, start), pattern.Slug(start));
            Assert.Equal(RollingSlugs.Slug(coin, recurrence, start + RollingSlugs.Length(recurrence)), pattern.Slugs(now, 1)[1]);
        }
    }

    [Fact]
    public void Slug_FiveMinutes_IsTheWindowStartInUnixSeconds()
    {
        var pattern = RollingPattern.Parse("btc-updown-5m");
        var now = DateTimeOffset.Parse("2026-07-23T23:57:13Z", System.Globalization.CultureInfo.InvariantCulture);

        // The real market of §6.3: btc-updown-5m-1784850900 is 2026-07-23T23:55:00Z.
        Assert.Equal(["btc-updown-5m-1784850900", "btc-updown-5m-1784851200", "btc-updown-5m-1784851500"], pattern.Slugs(now, 2));
    }

    [Fact]
    public void Slug_HourlyAndDaily_UseEasternTimeNames()
    {
        var at = DateTimeOffset.Parse("2026-10-04T14:20:00Z", System.Globalization.CultureInfo.InvariantCulture); // 10:20 EDT

        Assert.Equal("bitcoin-up-or-down-october-4-2026-10am-et", RollingPattern.Parse("btc-updown-hourly").Slugs(at, 0)[0]);
        Assert.Equal("ethereum-up-or-down-on-october-4-2026", RollingPattern.Parse("eth-updown-daily").Slugs(at, 0)[0]);
    }

    [Theory]
    [InlineData("btc-updown-7m")]
    [InlineData("updown-5m")]
    [InlineData("BTC-updown-5m")]
    [InlineData("btc-up-5m")]
    [InlineData("")]
    public void TryParse_NotAPattern_IsRefused(string text) => Assert.False(RollingPattern.TryParse(text, out _));
}
