using Microsoft.Extensions.Logging;

namespace Polytape.Stores;

/// <summary>Source-generated log messages of the stores (event ids 5000–5099).</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Warning, "Store {Store} failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string store, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(5001, LogLevel.Information, "Store {Store} recovered after {Attempts} attempts")]
    public static partial void StoreRecovered(ILogger logger, string store, int attempts);

    [LoggerMessage(5002, LogLevel.Information, "Store {Store} retention deleted {Rows} rows")]
    public static partial void RetentionApplied(ILogger logger, string store, long rows);
}
