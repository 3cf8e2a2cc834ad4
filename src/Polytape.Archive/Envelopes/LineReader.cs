using System.Buffers;
using Polytape.Archive.Files;

namespace Polytape.Archive.Envelopes;

/// <summary>
/// Splits a (decompressed) stream into '\n'-terminated lines. A stream that ends without a final '\n', or whose
/// decompression fails, ends the lines; <see cref="StopReason"/> and <see cref="TailBytes"/> say what was left.
/// Each line is valid until the next call.
/// </summary>
internal sealed class LineReader : IDisposable
{
    /// <summary>Enough for hundreds of typical frames per read.</summary>
    private const int InitialCapacity = 64 * 1024;

    /// <summary>The largest payload, escaped at worst 6 bytes per byte (\u0000), plus the envelope fields.</summary>
    private const long MaxLineBytes = ArchiveRecord.MaxPayloadBytes * 6L + 64 * 1024;

    private readonly Stream _source;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    private int _start;
    private int _scanned;
    private int _end;
    private bool _ended;

    public LineReader(Stream source)
    {
        _source = source;
    }

    /// <summary>
    /// For a file still being written: the end of the input is "nothing more yet", not the end, so a later call reads
    /// what the writer has flushed since. An incomplete last line is then simply not returned yet.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>Decompressed bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Bytes after the last complete line, once the stream has ended.</summary>
    public long TailBytes { get; private set; }

    /// <summary>Null while lines flow and after a clean end; otherwise why reading stopped early.</summary>
    public string? StopReason { get; private set; }

    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanned + newline;
                line = _buffer.AsMemory(_start, lineEnd - _start);
                _start = _scanned = lineEnd + 1;
                return true;
            }

            _scanned = _end;
            if (_ended || !Fill())
            {
                if (!_ended)
                {
                    // Following a live file: the rest has not been flushed yet.
                    line = default;
                    return false;
                }

                TailBytes = _end - _start;
                if (TailBytes > 0)
                {
                    StopReason ??= $"the last {TailBytes} bytes are an incomplete record";
                }

                line = default;
                return false;
            }
        }
    }

    /// <summary>Reads more input; false once the stream has ended or failed.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
            {
                return End($"a line is longer than {MaxLineBytes} bytes");
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxLineBytes, _buffer.Length * 2L));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read;
        try
        {
            read = _source.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (EndOfStreamException)
        {
            return End("the compressed stream ends before its end mark (a truncated file)");
        }
        catch (Exception e) when (ArchiveCodec.IsDamage(e))
        {
            return End("the compressed stream is damaged: " + e.Message);
        }

        if (read == 0)
        {
            return Follow ? false : End(null);
        }

        _end += read;
        BytesRead += read;
        return true;
    }

    private bool End(string? reason)
    {
        _ended = true;
        StopReason = reason;
        return false;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
