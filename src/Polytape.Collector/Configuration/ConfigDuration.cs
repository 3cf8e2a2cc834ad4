using System.Globalization;

namespace Polytape.Collector.Configuration;

/// <summary>
/// Durations as people write them in YAML and on the command line: "10s", "500ms", "1h30m", "2d", or a
/// TimeSpan ("00:00:10"). A bare number is refused because "10" could mean seconds or milliseconds.
/// </summary>
public static class ConfigDuration
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> saying what to write instead.</summary>
    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("a duration is required, e.g. 10s, 500ms, 1h or 00:00:10");
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
            {
                return span;
            }

            throw new FormatException($"'{text}' is not a duration; write hh:mm:ss (00:00:10) or a number with a unit (10s)");
        }

        return ParseUnits(trimmed, text);
    }

    /// <summary>The shortest exact form: "10s", "500ms", "1h30m", "0s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0 || value < TimeSpan.Zero)
        {
            return value.ToString("c", CultureInfo.InvariantCulture);
        }

        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var parts = new System.Text.StringBuilder();
        Append(parts, value.Days, "d");
        Append(parts, value.Hours, "h");
        Append(parts, value.Minutes, "m");
        Append(parts, value.Seconds, "s");
        return parts.ToString();
    }

    private static void Append(System.Text.StringBuilder parts, int amount, string unit)
    {
        if (amount != 0)
        {
            parts.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    private static TimeSpan ParseUnits(string trimmed, string original)
    {
        var total = TimeSpan.Zero;
        var position = 0;
        while (position < trimmed.Length)
        {
            var numberStart = position;
            while (position < trimmed.Length && (char.IsAsciiDigit(trimmed[position]) || trimmed[position] == '.'))
            {
                position++;
            }

            var unitStart = position;
            while (position < trimmed.Length && char.IsAsciiLetter(trimmed[position]))
            {
                position++;
            }

            var number = trimmed.AsSpan(numberStart, unitStart - numberStart);
            var unit = trimmed.AsSpan(unitStart, position - unitStart);
            if (number.IsEmpty || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw new FormatException($"'{original}' is not a duration; write a number with a unit, e.g. 10s, 500ms, 1h30m or 00:00:10");
            }

            if (unit.IsEmpty)
            {
                throw new FormatException($"'{original}' has no unit; write {number}s for seconds or {number}ms for milliseconds");
            }

            total += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => throw new FormatException($"'{original}' has the unknown unit '{unit}'; use ms, s, m, h or d"),
            };
        }

        return total;
    }
}
