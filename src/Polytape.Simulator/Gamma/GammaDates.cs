using System.Globalization;

namespace Polytape.Simulator.Gamma;

/// <summary>Gamma's mixed date formats (§6.3): RFC 3339 mostly, a bare date for <c>*Iso</c>, SQL style for <c>closedTime</c>.</summary>
public static class GammaDates
{
    /// <summary>"2026-07-24T00:00:00Z", with microseconds when there are any ("2026-07-23T02:48:35.302901Z").</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2026-07-24 00:00:16+00": not RFC 3339, as the venue writes it.</summary>
    public static string ClosedTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'+00'", CultureInfo.InvariantCulture);

    /// <summary>Query dates: RFC 3339 or a bare date, taken as UTC when no offset is given.</summary>
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
