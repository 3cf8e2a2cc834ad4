using Polytape.Archive.Files;

namespace Polytape.Archive;

/// <summary>The writer loop: the only code that touches the current file, the envelope buffer and the sequence.</summary>
public sealed partial class ArchiveWriter
{
    private ArchiveFile? _file;
    private long _nextSequence;
    private long _lastSequence;
    private long _sealedThrough;
    private long _recordsWritten;
    private long _bytesWritten;
    private long _bytesInSealedFiles;

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    Handle(item);
                }
            }

            SealCurrent("shutdown");
            _logger.ArchiveClosed(RecordsWritten, BytesWritten, LastSequence);
        }
        catch (ArchiveException fault)
        {
            Stop(fault);
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the final seal runs outside Handle, which translates its own failures.
            var fault = ArchiveFailures.WhileWriting(_file?.WritingPath ?? _directory, _sealedThrough, e);
            Stop(fault);
            throw fault;
        }
    }

    private void Handle(in PendingRecord item)
    {
        try
        {
            if (item.IsRecord)
            {
                Write(item.Record);
            }
            else
            {
                OnTickOrFlush(item.Flushed is not null);
                item.Flushed?.TrySetResult();
            }
        }
        catch (Exception e) when (e is not ArchiveException)
        {
            var fault = ArchiveFailures.WhileWriting(_file?.WritingPath ?? _directory, _sealedThrough, e);
            item.Flushed?.TrySetException(fault);
            throw fault;
        }
        catch (ArchiveException fault)
        {
            item.Flushed?.TrySetException(fault);
            throw;
        }
        finally
        {
            // The one place a queued payload buffer goes back to the pool (Stop releases those never handled).
            Return(item);
        }
    }

    private void Write(in ArchiveRecord record)
    {
        var now = _time.GetUtcNow();
        if (_file is not null && now >= _file.RotateAt)
        {
            SealCurrent("rotation");
        }

        var file = _file ?? OpenFile(now);
        var sequence = _nextSequence;
        file.Append(_envelope.Format(sequence, record), sequence, record);
        _nextSequence = sequence + 1;
        Volatile.Write(ref _lastSequence, sequence);
        Volatile.Write(ref _recordsWritten, _recordsWritten + 1);
        if (file.UnflushedRecords >= _flushEveryRecords)
        {
            file.Flush();
        }

        Volatile.Write(ref _bytesWritten, _bytesInSealedFiles + file.BytesOnDisk);
        if (file.BytesOnDisk >= _maxFileBytes)
        {
            SealCurrent("size");
        }
    }

    private void OnTickOrFlush(bool explicitFlush)
    {
        if (_file is null)
        {
            return;
        }

        if (_time.GetUtcNow() >= _file.RotateAt)
        {
            SealCurrent("rotation");
        }
        else if (explicitFlush || _file.UnflushedRecords > 0)
        {
            _file.Flush();
            Volatile.Write(ref _bytesWritten, _bytesInSealedFiles + _file.BytesOnDisk);
        }
    }

    private ArchiveFile OpenFile(DateTimeOffset now)
    {
        var sealedPath = Path.Combine(_directory, ArchiveFileNames.SealedName(now, _nextSequence, _format));
        var periodTicks = _rotationPeriod.Ticks;
        var rotateAt = new DateTimeOffset((now.UtcTicks / periodTicks + 1) * periodTicks, TimeSpan.Zero);
        try
        {
            // A small size limit gets small blocks, so that files do not overshoot it by a whole block.
            var blockBytes = (int)Math.Min(ArchiveFile.DefaultBlockBytes, _maxFileBytes / 4);
            _file = ArchiveFile.Create(
                sealedPath + ArchiveFileNames.OpenSuffix, sealedPath, _createStream, _compressionLevel, rotateAt, blockBytes);
        }
        catch (Exception e) when (!ArchiveFailures.IsDiskFull(e) && e is IOException or UnauthorizedAccessException)
        {
            throw ArchiveFailures.NotWritable(_directory, e);
        }

        _logger.FileOpened(_file.WritingPath, _nextSequence);
        return _file;
    }

    private void SealCurrent(string reason)
    {
        var file = _file;
        if (file is null)
        {
            return;
        }

        var manifest = file.Seal(recovered: false);
        _file = null;
        _sealedThrough = manifest.LastSequence;
        _bytesInSealedFiles += manifest.Bytes;
        Volatile.Write(ref _bytesWritten, _bytesInSealedFiles);
        var manifestPath = ArchiveFileNames.ManifestPathOf(file.SealedPath);
        try
        {
            ManifestJson.Write(manifestPath, manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The data file is sealed and complete; the next start rebuilds its manifest.
            throw ArchiveFailures.WhileWriting(manifestPath, _sealedThrough, e);
        }

        _logger.FileSealed(file.SealedPath, reason, manifest.Records, manifest.FirstSequence, manifest.LastSequence, manifest.Bytes);
    }

    /// <summary>
    /// After a failure: refuse further appends with the fault, leave the current file as a recoverable <c>.open</c>,
    /// and hand every queued buffer back to the pool.
    /// </summary>
    private void Stop(ArchiveException fault)
    {
        _fault = fault;
        _queue.Writer.TryComplete(fault);
        _file?.Abandon();
        _file = null;
        while (_queue.Reader.TryRead(out var item))
        {
            item.Flushed?.TrySetException(fault);
            Return(item);
        }

        _logger.WriterFailed(fault.Message, fault);
    }
}
