using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Files;

/// <summary>
/// Reads one archive file record by record until its end or its first incomplete or corrupt record;
/// <see cref="StopReason"/> then says which. Shared by the reader, verification and crash recovery.
/// </summary>
internal sealed class RecordFileReader : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream _decompressor;
    private readonly LineReader _lines;
    private readonly LabelCache _labels = new();
    private byte[]? _payloads;
    private string? _corruption;

    private RecordFileReader(string path, FileStream file, bool follow)
    {
        Path = path;
        _file = file;
        _decompressor = ArchiveCodec.Decompress(file, ArchiveFileNames.FormatOf(path), complete: !ArchiveFileNames.IsOpen(path));
        _lines = new LineReader(_decompressor) { Follow = follow };
    }

    public string Path { get; }

    /// <summary>
    /// Payloads are read into one buffer reused for every record: a record's payload is valid only until the next
    /// <see cref="TryRead"/>. For consumers that are done with a record before reading the next (the store loaders).
    /// </summary>
    public bool ReusePayloads
    {
        get => _payloads is not null;
        init => _payloads = value ? new byte[4096] : null;
    }

    /// <summary>Compressed size when opened.</summary>
    public long FileBytes { get; private init; }

    public long Records { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>Decompressed bytes of the complete records read, newlines included.</summary>
    public long CompleteBytes { get; private set; }

    /// <summary>Decompressed bytes after the last complete record (an incomplete or corrupt tail).</summary>
    public long LostBytes => _lines.BytesRead - CompleteBytes;

    /// <summary>Null after a clean end; otherwise why reading stopped before the end of the file.</summary>
    public string? StopReason => _corruption ?? _lines.StopReason;

    /// <summary>Opens a file; with <paramref name="follow"/>, reading past its current end later returns what was appended since.</summary>
    public static RecordFileReader Open(string path, bool follow = false, bool reusePayloads = false)
    {
        var file = ArchiveStreams.OpenRead(path);
        return new RecordFileReader(path, file, follow) { FileBytes = file.Length, ReusePayloads = reusePayloads };
    }

    /// <summary>The next complete record and its raw line (without '\n', valid until the next call); false at the end or at damage.</summary>
    public bool TryRead(out ArchiveRecord record, out ReadOnlyMemory<byte> line)
    {
        record = default;
        if (_corruption is not null || !_lines.TryReadLine(out line))
        {
            line = default;
            return false;
        }

        if (!EnvelopeParser.TryParse(line.Span, out record, out var problem, _labels, ref _payloads))
        {
            _corruption = $"record {Records + 1} is corrupt: {problem}";
            return false;
        }

        if (Records > 0 && record.Sequence <= LastSequence)
        {
            _corruption = $"record {Records + 1} has seq {record.Sequence}, not above the previous {LastSequence}";
            return false;
        }

        Records++;
        LastSequence = record.Sequence;
        CompleteBytes += line.Length + 1;
        return true;
    }

    public void Dispose()
    {
        _lines.Dispose();
        _decompressor.Dispose();
        _file.Dispose();
    }
}
