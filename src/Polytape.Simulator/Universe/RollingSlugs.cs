using System.Globalization;
using Polytape.Polymarket.Gamma;

namespace Polytape.Simulator.Universe;

/// <summary>
/// Window grids and slugs of the rolling up/down markets: "btc-updown-5m-{start}" with the window start in
/// UTC epoch seconds for 5m/15m/4h; ET-hour and ET-day slugs for hourly and daily ones.
/// </summary>
public static class RollingSlugs
{
    public static TimeSpan Length(RollingRecurrence recurrence) => recurrence switch
    {
        RollingRecurrence.FiveMinutes => TimeSpan.FromMinutes(5),
        RollingRecurrence.FifteenMinutes => TimeSpan.FromMinutes(15),
        RollingRecurrence.OneHour => TimeSpan.FromHours(1),
        RollingRecurrence.FourHours => TimeSpan.FromHours(4),
        _ => TimeSpan.FromDays(1),
    };

    public static string Code(RollingRecurrence recurrence) => recurrence switch
    {
        RollingRecurrence.FiveMinutes => "5m",
        RollingRecurrence.FifteenMinutes => "15m",
        RollingRecurrence.OneHour => "1h",
        RollingRecurrence.FourHours => "4h",
        _ => "daily",
    };

    /// <summary>The venue's naming rules for this coin and recurrence, shared with the collector.</summary>
    public static RollingPattern Pattern(string coin, RollingRecurrence recurrence) =>
        RollingPattern.Parse($"{coin}-updown-{Code(recurrence)}");

    /// <summary>Start of the window containing <paramref name="time"/> (UTC grid; ET hours/days for 1h and daily).</summary>
    public static DateTimeOffset WindowStart(RollingRecurrence recurrence, DateTimeOffset time) =>
        Pattern("btc", recurrence).WindowStart(time);

    public static string Slug(string coin, RollingRecurrence recurrence, DateTimeOffset windowStart) =>
        Pattern(coin, recurrence).Slug(windowStart);

    public static string SeriesSlug(string coin, RollingRecurrence recurrence) =>
        recurrence == RollingRecurrence.Daily ? $"{coin}-up-or-down-daily" : $"{coin}-up-or-down-{Code(recurrence)}";

    /// <summary>"Bitcoin Up or Down - July 23, 7:55PM-8:00PM ET" (question text uses Eastern time).</summary>
    public static string Question(string coin, RollingRecurrence recurrence, DateTimeOffset windowStart)
    {
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(RollingPattern.CoinName(coin));
        var start = RollingPattern.ToEastern(windowStart);
        var end = RollingPattern.ToEastern(windowStart + Length(recurrence));
        var day = start.ToString("MMMM d", CultureInfo.InvariantCulture);
        return recurrence == RollingRecurrence.Daily
            ? $"{name} Up or Down on {day}?"
            : $"{name} Up or Down - {day}, {Clock(start)}-{Clock(end)} ET";
    }

    private static string Clock(DateTimeOffset time) =>
        time.ToString("h:mmtt", CultureInfo.InvariantCulture).ToUpperInvariant();
}
