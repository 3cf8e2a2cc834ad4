using System.Globalization;

namespace Polytape.Simulator.Universe;

/// <summary>
/// Window grids and slugs of the rolling up/down markets: "btc-updown-5m-{start}" with the window start in
/// UTC epoch seconds for 5m/15m/4h; ET-hour and ET-day slugs for hourly and daily ones.
/// </summary>
public static class RollingSlugs
{
    private static readonly TimeZoneInfo Eastern = FindEastern();

    private static readonly Dictionary<string, string> CoinNames = new(StringComparer.Ordinal)
    {
        ["btc"] = "bitcoin",
        ["eth"] = "ethereum",
        ["sol"] = "solana",
        ["xrp"] = "xrp",
        ["doge"] = "dogecoin",
        ["bnb"] = "bnb",
        ["hype"] = "hyperliquid",
        ["zec"] = "zcash",
    };

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

    /// <summary>Start of the window containing <paramref name="time"/> (UTC grid; ET hours/days for 1h and daily).</summary>
    public static DateTimeOffset WindowStart(RollingRecurrence recurrence, DateTimeOffset time)
    {
        if (recurrence == RollingRecurrence.Daily)
        {
            var eastern = TimeZoneInfo.ConvertTime(time, Eastern);
            var midnight = new DateTimeOffset(eastern.Date, eastern.Offset);
            return midnight.ToUniversalTime();
        }

        var seconds = (long)Length(recurrence).TotalSeconds;
        var unix = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(unix - (((unix % seconds) + seconds) % seconds));
    }

    public static string Slug(string coin, RollingRecurrence recurrence, DateTimeOffset windowStart)
    {
        var eastern = TimeZoneInfo.ConvertTime(windowStart, Eastern);
        var name = CoinNames.GetValueOrDefault(coin, coin);
        var month = eastern.ToString("MMMM", CultureInfo.InvariantCulture).ToLowerInvariant();
        return recurrence switch
        {
            RollingRecurrence.OneHour =>
                $"{name}-up-or-down-{month}-{eastern.Day}-{eastern.Year}-{Hour12(eastern.Hour)}{(eastern.Hour < 12 ? "am" : "pm")}-et",
            RollingRecurrence.Daily => $"{name}-up-or-down-on-{month}-{eastern.Day}-{eastern.Year}",
            _ => $"{coin}-updown-{Code(recurrence)}-{windowStart.ToUnixTimeSeconds()}",
        };
    }

    public static string SeriesSlug(string coin, RollingRecurrence recurrence) =>
        recurrence == RollingRecurrence.Daily ? $"{coin}-up-or-down-daily" : $"{coin}-up-or-down-{Code(recurrence)}";

    /// <summary>"Bitcoin Up or Down - July 23, 7:55PM-8:00PM ET" (question text uses Eastern time).</summary>
    public static string Question(string coin, RollingRecurrence recurrence, DateTimeOffset windowStart)
    {
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(CoinNames.GetValueOrDefault(coin, coin));
        var start = TimeZoneInfo.ConvertTime(windowStart, Eastern);
        var end = TimeZoneInfo.ConvertTime(windowStart + Length(recurrence), Eastern);
        var day = start.ToString("MMMM d", CultureInfo.InvariantCulture);
        return recurrence == RollingRecurrence.Daily
            ? $"{name} Up or Down on {day}?"
            : $"{name} Up or Down - {day}, {Clock(start)}-{Clock(end)} ET";
    }

    private static string Clock(DateTimeOffset time) =>
        time.ToString("h:mmtt", CultureInfo.InvariantCulture).ToUpperInvariant();

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;

    private static TimeZoneInfo FindEastern()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without tzdata, a fixed EST offset keeps slugs well-formed (they may be an hour off in summer).
            return TimeZoneInfo.CreateCustomTimeZone("EST", TimeSpan.FromHours(-5), "EST", "EST");
        }
    }
}
