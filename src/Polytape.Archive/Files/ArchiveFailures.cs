namespace Polytape.Archive.Files;

/// <summary>Turns I/O exceptions into <see cref="ArchiveException"/>s whose messages say what happened and what is safe.</summary>
internal static class ArchiveFailures
{
    /// <summary>ENOSPC on Linux, ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027) };

    public static ArchiveException NotWritable(string directory, Exception exception) =>
        new($"archive directory {directory} is not writable: {exception.Message}", exception);

    /// <summary>A failure while writing <paramref name="path"/>; <paramref name="sealedThrough"/> is the last sequence safely sealed.</summary>
    public static ArchiveException WhileWriting(string path, long sealedThrough, Exception exception)
    {
        var sealedPart = sealedThrough > 0
            ? $"files up to seq {sealedThrough} are sealed"
            : "no file had been sealed yet";
        var what = IsDiskFull(exception)
            ? "disk full while writing"
            : exception is IOException ? "I/O error while writing" : "unexpected failure while writing";
        return new ArchiveException(
            $"{what} {path}: {exception.Message}; the archive stopped cleanly, {sealedPart}, and the open file is recovered at the next start.",
            exception);
    }
}
