using Microsoft.Extensions.Logging;

namespace Polytape.Archive;

/// <summary>The archive's log events (ids 3000–3099): files opened, sealed, recovered, and failures. Nothing per record.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Archive ready in {Directory}: next seq {NextSequence}, {SealedFiles} sealed file(s), {RecoveredFiles} recovered from a crash")]
    public static partial void ArchiveReady(this ILogger logger, string directory, long nextSequence, int sealedFiles, int recoveredFiles);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Archive file {File} opened at seq {FirstSequence}")]
    public static partial void FileOpened(this ILogger logger, string file, long firstSequence);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Archive file {File} sealed ({Reason}): {Records} records, seq {FirstSequence}-{LastSequence}, {Bytes} bytes")]
    public static partial void FileSealed(
        this ILogger logger, string file, string reason, long records, long firstSequence, long lastSequence, long bytes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Recovered {Records} records (seq {FirstSequence}-{LastSequence}) from {File} into {SealedFile}; discarded {LostBytes} bytes after the last complete record ({StopReason})")]
    public static partial void OpenFileRecovered(
        this ILogger logger, string file, string sealedFile, long records, long firstSequence, long lastSequence, long lostBytes, string? stopReason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Nothing recoverable in {File} ({FileBytes} bytes, {StopReason}); removed it")]
    public static partial void OpenFileEmpty(this ILogger logger, string file, long fileBytes, string? stopReason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "{File} was already sealed before the crash; removed its leftover open copy")]
    public static partial void OpenFileAlreadySealed(this ILogger logger, string file);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Rebuilt the missing or unreadable manifest of {File}")]
    public static partial void ManifestRebuilt(this ILogger logger, string file);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error,
        Message = "Sealed archive file {File} is damaged after {Records} records ({StopReason}); left untouched for an operator")]
    public static partial void SealedFileDamaged(this ILogger logger, string file, long records, string? stopReason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Deleted {File}, left by an interrupted seal or recovery")]
    public static partial void LeftoverDeleted(this ILogger logger, string file);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Archive writer stopped: {Reason}")]
    public static partial void WriterFailed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Archive closed: {Records} records and {Bytes} bytes written, last seq {LastSequence}")]
    public static partial void ArchiveClosed(this ILogger logger, long records, long bytes, long lastSequence);
}
