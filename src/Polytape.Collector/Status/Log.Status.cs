using Microsoft.Extensions.Logging;

namespace Polytape.Collector;

/// <summary>Status output's log messages (event ids 1090–1099 of the collector's range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1090, Level = LogLevel.Warning, Message = "Status file {Path} could not be written (retrying on the next tick): {Reason}")]
    public static partial void StatusFileFailed(ILogger logger, string path, string reason);
}
