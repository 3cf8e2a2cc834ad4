using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Polytape.Collector.Configuration;

namespace Polytape.Collector.Status;

/// <summary>
/// Console logging as configured: one JSON object per line with UTC timestamps (for log collectors), or single-line
/// text for people. Both use the built-in console formatters, which write on their own thread, off the hot path.
/// </summary>
public static class RecorderLogging
{
    /// <summary>ISO 8601 with milliseconds and a Z: sortable and unambiguous in any time zone.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public static ILoggingBuilder AddRecorderConsole(this ILoggingBuilder builder, ObservabilityConfig config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        builder.ClearProviders();
        builder.SetMinimumLevel(config.LogLevel);
        if (config.LogFormat == LogFormat.Json)
        {
            builder.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = TimestampFormat.TrimEnd();
                options.IncludeScopes = false;
                options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            builder.AddSimpleConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = TimestampFormat;
                options.SingleLine = true;
                options.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        return builder;
    }
}
