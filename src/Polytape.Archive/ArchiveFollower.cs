using Polytape.Archive.Files;

namespace Polytape.Archive;

/// <summary>
/// Reads a live archive incrementally, for consumers that poll it (the store loaders): each
/// <see cref="ReadAvailable"/> returns the complete records written since the last call, in sequence order. The
/// newest file stays open between calls and is read on from where it stopped, so polling costs what was appended,
/// not the whole open file again; it is followed through its sealing (the rename keeps the handle valid), and older
/// files are skipped by the first sequence in the next file's name. Not thread-safe.
/// </summary>
public sealed class ArchiveFollower : IDisposable
{
    private readonly string _directory;
    private RecordFileReader? _tail;
    private string? _tailKey;

    /// <summary>Follows <paramref name="directory"/>, returning records after <paramref name="afterSequence"/>.</summary>
    public ArchiveFollower(string directory, long afterSequence = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
        LastSequence = afterSequence;
    }

    /// <summary>
    /// Records do not own their payloads: one buffer per file is reused, so a payload is valid only until the next
    /// record is taken. For consumers that are done with each record before the next.
    /// </summary>
    public bool ReusePayloads { get; init; }

    /// <summary>The last sequence returned (or the starting point).</summary>
    public long LastSequence { get; private set; }

    /// <summary>Files opened so far: stays at one while a single open file grows.</summary>
    public int FilesOpened { get; private set; }

    /// <summary>The complete records appended since the last call (each owning fresh arrays unless <see cref="ReusePayloads"/>).</summary>
    public IEnumerable<ArchiveRecord> ReadAvailable()
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        var files = ArchiveFileNames.ListDataFiles(_directory, includeOpen: true);
        for (var i = 0; i < files.Count; i++)
        {
            var key = KeyOf(files[i]);
            var isLast = i == files.Count - 1;
            if (!isLast && ArchiveFileNames.TryParseFirstSequence(files[i + 1], out var nextFirst) && nextFirst <= LastSequence + 1)
            {
                // Every record of this file is at or below what was already returned.
                DropTailIf(key);
                continue;
            }

            var reader = key == _tailKey ? _tail! : OpenAt(files[i]);
            if (reader is null)
            {
                continue;
            }

            while (reader.TryRead(out var record, out _))
            {
                if (record.Sequence > LastSequence)
                {
                    LastSequence = record.Sequence;
                    yield return record;
                }
            }

            if (reader.StopReason is { } reason)
            {
                ForgetTailIf(key);
                reader.Dispose();
                if (!ArchiveFileNames.IsOpen(files[i]))
                {
                    throw new ArchiveException($"archive file {files[i]} is damaged after {reader.Records} records ({reason}); check it with VerifyAsync.");
                }

                // A damaged open file: start it again next time (the writer's recovery repairs it on its next open).
                continue;
            }

            if (isLast)
            {
                _tail = reader;
                _tailKey = key;
            }
            else
            {
                ForgetTailIf(key);
                reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _tail?.Dispose();
        _tail = null;
        _tailKey = null;
    }

    /// <summary>An open file and its sealed successor are one file.</summary>
    private static string KeyOf(string path) => ArchiveFileNames.IsOpen(path) ? ArchiveFileNames.SealedPathOf(path) : path;

    private RecordFileReader? OpenAt(string path)
    {
        // Listed a moment ago, the open file may have been sealed (renamed) since.
        if (!File.Exists(path) && ArchiveFileNames.IsOpen(path) && File.Exists(ArchiveFileNames.SealedPathOf(path)))
        {
            path = ArchiveFileNames.SealedPathOf(path);
        }

        try
        {
            var reader = RecordFileReader.Open(path, follow: true, reusePayloads: ReusePayloads);
            FilesOpened++;
            return reader;
        }
        catch (FileNotFoundException)
        {
            // Removed between listing and opening (retention or recovery): the next call lists again.
            return null;
        }
    }

    private void DropTailIf(string key)
    {
        if (key == _tailKey)
        {
            _tail?.Dispose();
            ForgetTailIf(key);
        }
    }

    /// <summary>Stops tracking the tail without disposing it (the caller disposes the reader it holds).</summary>
    private void ForgetTailIf(string key)
    {
        if (key == _tailKey)
        {
            _tail = null;
            _tailKey = null;
        }
    }
}
