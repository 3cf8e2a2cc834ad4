using System.Globalization;

namespace Polytape.Collector.Discovery;

/// <summary>Gamma's dates: RFC 3339 mostly, a bare date for <c>endDateIso</c>, "2026-07-24 00:00:16+00" for <c>closedTime</c>.</summary>
internal static class GammaDate
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:sszz", "yyyy-MM-dd HH:mm:ss.FFFFFFzz", "yyyy-MM-dd"];

    /// <summary>Null when absent or unreadable: a missing end date only means "no expiry by date".</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var value)
            || DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out value))
        {
            return value;
        }

        return null;
    }
}
