using System.IO.Compression;

namespace Polytape.Archive.Files;

/// <summary>
/// One archive file being written: envelope lines → compressor (zstd or gzip, by the sealed name's extension) → digest →
/// file, under a temporary name until <see cref="Seal"/> finishes the compressed stream, fsyncs and renames it. Owned by
/// one thread at a time. For gzip, lines are gathered into a block before they reach the compressor: deflate at level
/// Fastest emitted output on every call, so one call per line meant one file write and one digest update per record
/// (~11% of the recorder's CPU at 30k frames/s). The zstd compressor gathers lines in its own buffer, so they go
/// straight to it (a second copy cost ~8 % of the compression CPU).
/// </summary>
internal sealed class ArchiveFile : IDisposable
{
    /// <summary>Large enough that deflate sees whole bursts; small next to any sensible size limit.</summary>
    public const int DefaultBlockBytes = 64 * 1024;

    private readonly byte[] _block;
    private int _blockLength;
    private readonly Stream _output;
    private readonly DigestStream _digest;
    private readonly Stream _compressor;
    private readonly ManifestBuilder _manifest = new();
    private bool _closed;

    private ArchiveFile(
        string writingPath, string sealedPath, Stream output, CompressionLevel level, DateTimeOffset rotateAt, int blockBytes)
    {
        var format = ArchiveFileNames.FormatOf(sealedPath);

        // An empty block sends every line straight to the compressor (see Put).
        _block = ArchiveCodec.BuffersInput(format) ? [] : new byte[blockBytes];
        WritingPath = writingPath;
        SealedPath = sealedPath;
        RotateAt = rotateAt;
        _output = output;
        _digest = new DigestStream(output);
        _compressor = ArchiveCodec.Compress(_digest, format, level, blockBytes);
    }

    /// <summary>The name while written (<c>.open</c>, or <c>.recovering</c> during recovery).</summary>
    public string WritingPath { get; }

    public string SealedPath { get; }

    /// <summary>When the clock reaches this, the file is sealed and the next record starts a new one.</summary>
    public DateTimeOffset RotateAt { get; }

    /// <summary>Compressed bytes handed to the file so far (compressors emit in blocks, so this trails the records).</summary>
    public long BytesOnDisk => _digest.BytesWritten;

    public long Records => _manifest.Records;

    public long LastSequence => _manifest.LastSequence;

    /// <summary>Records written since the last sync flush: what a crash now would lose.</summary>
    public int UnflushedRecords { get; private set; }

    /// <summary>
    /// Creates the file; a failure here leaves nothing behind but what the stream factory created. Lines reach the compressor in
    /// blocks of <paramref name="blockBytes"/>, so <see cref="BytesOnDisk"/> trails the appended lines by up to that much.
    /// </summary>
    public static ArchiveFile Create(
        string writingPath,
        string sealedPath,
        Func<string, Stream> createStream,
        CompressionLevel level,
        DateTimeOffset rotateAt,
        int blockBytes = DefaultBlockBytes)
    {
        var output = createStream(writingPath);
        return new ArchiveFile(writingPath, sealedPath, output, level, rotateAt, blockBytes);
    }

    /// <summary>Appends one envelope line (ending in '\n') for <paramref name="record"/> with sequence <paramref name="sequence"/>.</summary>
    public void Append(ReadOnlySpan<byte> line, long sequence, in ArchiveRecord record)
    {
        Put(line);
        _manifest.Add(sequence, record);
        UnflushedRecords++;
    }

    /// <summary>Appends a line read back from another file, byte for byte, during recovery.</summary>
    public void AppendLine(ReadOnlySpan<byte> lineWithoutNewline, in ArchiveRecord record)
    {
        Put(lineWithoutNewline);
        Put("\n"u8);
        _manifest.Add(record.Sequence, record);
        UnflushedRecords++;
    }

    /// <summary>A sync flush: everything appended so far becomes decodable from the file, and reaches the OS.</summary>
    public void Flush()
    {
        DrainBlock();
        _compressor.Flush();
        UnflushedRecords = 0;
    }

    /// <summary>
    /// Finishes the compressed stream, fsyncs, closes and renames the file to its sealed name; returns its manifest for the
    /// caller to write. On failure the file is abandoned under its writing name and the exception propagates.
    /// </summary>
    public ArchiveManifest Seal(bool recovered)
    {
        try
        {
            DrainBlock();
            _compressor.Dispose();
            ArchiveStreams.FlushToDisk(_output);
            _output.Dispose();
            _closed = true;
            File.Move(WritingPath, SealedPath, overwrite: false);
            return _manifest.Build(Path.GetFileName(SealedPath), _digest.HashHex(), _digest.BytesWritten, recovered);
        }
        catch
        {
            Abandon();
            throw;
        }
        finally
        {
            _digest.Dispose();
        }
    }

    /// <summary>
    /// Stops writing after a failure: nothing more reaches the file (the digest swallows the compressor's closing bytes), the handle
    /// is released, and the file keeps its writing name so that recovery finds it. Never throws.
    /// </summary>
    public void Abandon()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _digest.Poison();
        try
        {
            _compressor.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException || ArchiveCodec.IsDamage(e))
        {
            // The compressor's state is released even when the final write fails.
        }

        try
        {
            _output.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The handle is closed; a failed final flush only loses what was not flushed anyway.
        }

        _digest.Dispose();
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _block.Length - _blockLength)
        {
            DrainBlock();
            if (bytes.Length > _block.Length)
            {
                _compressor.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_block.AsSpan(_blockLength));
        _blockLength += bytes.Length;
    }

    private void DrainBlock()
    {
        if (_blockLength > 0)
        {
            // Emptied first: after a failed write the block must not be offered again (abandoning discards it anyway).
            var length = _blockLength;
            _blockLength = 0;
            _compressor.Write(_block, 0, length);
        }
    }

    /// <summary>Disposing a file that was not sealed abandons it: it stays under its writing name for recovery.</summary>
    public void Dispose() => Abandon();
}
