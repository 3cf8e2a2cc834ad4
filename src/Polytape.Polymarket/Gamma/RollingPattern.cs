using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Polytape.Polymarket.Gamma;

/// <summary>
/// A rolling crypto up/down series, written <c>{coin}-updown-{5m|15m|1h|4h|daily}</c>, and its window slugs
/// (polymarket-protocol.md §6.4): <c>btc-updown-5m-{window start unix}</c> for 5m, 15m and 4h (UTC grid);
/// <c>bitcoin-up-or-down-{month}-{day}-{year}-{h}{am|pm}-et</c> for hourly and
/// <c>bitcoin-up-or-down-on-{month}-{day}-{year}</c> for daily windows, both in Eastern time. The one place these
/// rules live: the collector computes upcoming slugs with it, and the simulator names its windows with it.
/// </summary>
public sealed record RollingPattern
{
    private static readonly TimeZoneInfo Eastern = FindEastern();

    // Hourly and daily slugs spell the coin out (§6.4); unknown coins keep their code.
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

    private RollingPattern(string text, string coin, string code, TimeSpan length)
    {
        Text = text;
        Coin = coin;
        Code = code;
        Length = length;
    }

    /// <summary>The pattern as configured, e.g. "btc-updown-5m".</summary>
    public string Text { get; }

    public string Coin { get; }

    /// <summary>"5m", "15m", "1h", "4h" or "daily".</summary>
    public string Code { get; }

    /// <summary>Window length (a daily window is one Eastern calendar day, 23–25 h across DST changes).</summary>
    public TimeSpan Length { get; }

    private bool IsDaily => Code == "daily";

    public static bool TryParse(string? text, [NotNullWhen(true)] out RollingPattern? pattern)
    {
        pattern = null;
        var marker = text?.IndexOf("-updown-", StringComparison.Ordinal) ?? -1;
        if (text is null || marker <= 0)
        {
            return false;
        }

        var coin = text[..marker];
        if (!coin.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            return false;
        }

        (string Code, TimeSpan Length)? recurrence = text[(marker + "-updown-".Length)..] switch
        {
            "5m" => ("5m", TimeSpan.FromMinutes(5)),
            "15m" => ("15m", TimeSpan.FromMinutes(15)),
            "1h" or "hourly" => ("1h", TimeSpan.FromHours(1)),
            "4h" => ("4h", TimeSpan.FromHours(4)),
            "daily" or "1d" => ("daily", TimeSpan.FromDays(1)),
            _ => null,
        };
        if (recurrence is not { } found)
        {
            return false;
        }

        pattern = new RollingPattern(text, coin, found.Code, found.Length);
        return true;
    }

    public static RollingPattern Parse(string text) =>
        TryParse(text, out var pattern)
            ? pattern
            : throw new FormatException($"'{text}' is not a rolling pattern; use {{coin}}-updown-{{5m|15m|1h|4h|daily}}, e.g. btc-updown-5m.");

    /// <summary>Start of the window that contains <paramref name="time"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset time)
    {
        if (IsDaily)
        {
            var eastern = TimeZoneInfo.ConvertTime(time, Eastern);
            return EasternMidnight(eastern.Date);
        }

        var seconds = (long)Length.TotalSeconds;
        var unix = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(unix - (((unix % seconds) + seconds) % seconds));
    }

    /// <summary>Start of the window <paramref name="index"/> windows after the one containing <paramref name="time"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset time, int index)
    {
        var start = WindowStart(time);
        if (!IsDaily)
        {
            return start + (Length * index);
        }

        var day = TimeZoneInfo.ConvertTime(start, Eastern).Date.AddDays(index);
        return EasternMidnight(day);
    }

    /// <summary>End of the window that starts at <paramref name="windowStart"/>.</summary>
    public DateTimeOffset WindowEnd(DateTimeOffset windowStart) => IsDaily ? WindowStart(windowStart, 1) : windowStart + Length;

    /// <summary>The slug of the window starting at <paramref name="windowStart"/>.</summary>
    public string Slug(DateTimeOffset windowStart)
    {
        if (!IsDaily && Code != "1h")
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Coin}-updown-{Code}-{windowStart.ToUnixTimeSeconds()}");
        }

        var eastern = TimeZoneInfo.ConvertTime(windowStart, Eastern);
        var name = CoinName(Coin);
#pragma warning disable CA1308 // Slugs are lower case by definition.
        var month = eastern.ToString("MMMM", CultureInfo.InvariantCulture).ToLowerInvariant();
#pragma warning restore CA1308
        if (IsDaily)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}-up-or-down-on-{month}-{eastern.Day}-{eastern.Year}");
        }

        var hour = eastern.Hour % 12 == 0 ? 12 : eastern.Hour % 12;
        return string.Create(CultureInfo.InvariantCulture, $"{name}-up-or-down-{month}-{eastern.Day}-{eastern.Year}-{hour}{(eastern.Hour < 12 ? "am" : "pm")}-et");
    }

    /// <summary>The coin as hourly and daily slugs spell it ("btc" → "bitcoin"); unknown coins keep their code.</summary>
    public static string CoinName(string coin) => CoinNames.GetValueOrDefault(coin, coin);

    /// <summary>The same instant on the Eastern clock these markets are named by.</summary>
    public static DateTimeOffset ToEastern(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Eastern);

    /// <summary>The current window's slug and the next <paramref name="windowsAhead"/>, oldest first.</summary>
    public IReadOnlyList<string> Slugs(DateTimeOffset now, int windowsAhead)
    {
        var slugs = new string[windowsAhead + 1];
        for (var k = 0; k <= windowsAhead; k++)
        {
            slugs[k] = Slug(WindowStart(now, k));
        }

        return slugs;
    }

    private static DateTimeOffset EasternMidnight(DateTime date)
    {
        var midnight = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Eastern.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static TimeZoneInfo FindEastern()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without tzdata a fixed EST offset keeps slugs well-formed (an hour off in summer).
            return TimeZoneInfo.CreateCustomTimeZone("EST", TimeSpan.FromHours(-5), "EST", "EST");
        }
    }
}
