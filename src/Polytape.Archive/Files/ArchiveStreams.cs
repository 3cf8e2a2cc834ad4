namespace Polytape.Archive.Files;

/// <summary>How archive files are opened for writing and reading; the writer takes the factory so tests can fail or stall it.</summary>
internal static class ArchiveStreams
{
    /// <summary>
    /// Buffered well beyond the compressors' output blocks, to save write calls; a compressor's flush flushes this buffer
    /// too, so a flush still reaches the OS at once.
    /// </summary>
    public static Stream CreateFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 256 * 1024);

    /// <summary>Readers share everything: the writer may be appending to an <c>.open</c> file or renaming it.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024);

    /// <summary>Makes data durable: fsync for files, a plain flush for anything a test injected.</summary>
    public static void FlushToDisk(Stream stream)
    {
        if (stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            stream.Flush();
        }
    }
}
