using System.Globalization;
using System.Text;

namespace Polytape.Archive.Files;

/// <summary>
/// One writer per archive directory: a second one's crash recovery would seal and delete the first one's live
/// <c>.open</c> file. The lock is an exclusively opened file, released by the OS even on <c>kill -9</c>; taking it
/// (writing the process id into it) is also the start-up proof that the directory is writable.
/// </summary>
internal static class DirectoryLock
{
    public const string FileName = ".polytape-archive.lock";

    public static FileStream Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        FileStream? lockFile = null;
        try
        {
            Directory.CreateDirectory(directory);
            lockFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            lockFile.SetLength(0);
            lockFile.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            lockFile.Flush(flushToDisk: true);
            return lockFile;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile?.Dispose();
            if (IsInUse(e))
            {
                throw new ArchiveException(
                    $"archive directory {directory} is in use by another Polytape writer (it holds {path}); stop it or choose another directory.", e);
            }

            throw ArchiveFailures.IsDiskFull(e)
                ? new ArchiveException($"disk full in archive directory {directory}: {e.Message}", e)
                : ArchiveFailures.NotWritable(directory, e);
        }
    }

    /// <summary>EWOULDBLOCK from flock on Unix; a sharing or lock violation on Windows.</summary>
    private static bool IsInUse(Exception exception) =>
        exception is IOException { HResult: 11 or unchecked((int)0x80070020) or unchecked((int)0x80070021) };
}
