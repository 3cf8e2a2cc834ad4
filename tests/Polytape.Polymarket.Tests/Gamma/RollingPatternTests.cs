using Polytape.Polymarket.Gamma;

namespace Polytape.Polymarket.Tests.Gamma;

public sealed class RollingPatternTests
{
    [Theory]
    [InlineData("btc-updown-5m")]
    [InlineData("eth-updown-15m")]
    [InlineData("sol-updown-1h")]
    [InlineData("xrp-updown-4h")]
    [InlineData("btc-updown-daily")]
    public void Windows_tile_time_without_gaps_or_overlaps_across_a_year_and_both_dst_changes(string text)
    {
        var pattern = RollingPattern.Parse(text);
        var day = text.EndsWith("daily", StringComparison.Ordinal);
        // Hours, not window lengths, so that a daily window's 23 or 25 hours are crossed too.
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var at = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            at.Year == 2026;
            at += TimeSpan.FromHours(day ? 7 : 1) + TimeSpan.FromMinutes(7))
        {
            var start = pattern.WindowStart(at);
            var end = pattern.WindowEnd(start);
            Assert.InRange(at, start, end - TimeSpan.FromTicks(1));
            Assert.Equal(end, pattern.WindowStart(at, 1));
            Assert.Equal(pattern.Slug(end), pattern.Slugs(at, 1)[1]);
            slugs.Add(pattern.Slug(start));
            if (day)
            {
                Assert.Equal(TimeSpan.Zero, RollingPattern.ToEastern(start).TimeOfDay); // an Eastern calendar day
            }
        }

        Assert.True(slugs.Count > 300, $"{slugs.Count} distinct windows"); // distinct slugs, one per window
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
