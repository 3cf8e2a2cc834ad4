using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Polytape.Archive.Files;

/// <summary>
/// The archive's zstd compressor. Lines are appended to one pinned, contiguous buffer that zstd reads in place
/// (<see cref="ZstdNative.StableInBufferParameter"/>): a frame lasts until the buffer is full, a <see cref="Flush"/> ends
/// a block inside it (a sync flush, as before), and a full buffer ends the frame and starts the next one at its start.
/// ZstdNet's stream instead copied every byte into zstd's circular window, whose wrap made level 1 match in the slow
/// "extDict" mode: on recorded envelopes level 1 costs ~12 % less CPU for ~0.9 % larger output at 4 MiB per frame
/// (BENCHMARKS.md). The output is ordinary concatenated zstd frames. Owned by one thread; leaves its output open.
/// </summary>
internal sealed unsafe class ContiguousZstdStream : Stream
{
    /// <summary>Frames end at this much input at level 1: larger buffers gain little ratio (8 MiB: +0.4 %) for twice the memory.</summary>
    public const int DefaultMaxBufferBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Levels 3 and 9 match over longer distances, so short frames cost them more (level 9: 3.7 % larger output at
    /// 4 MiB, 2.0 % at 16 MiB); whoever chose them traded CPU for size, and here memory too.
    /// </summary>
    public static int MaxBufferBytesFor(int level) => level <= 1 ? DefaultMaxBufferBytes : 4 * DefaultMaxBufferBytes;

    /// <summary>Where a buffer starts; it doubles with each frame that fills it, so small files stay small.</summary>
    private const int InitialBufferBytes = 256 * 1024;

    private readonly Stream _output;
    private readonly ZstdNative.CompressionContext _context;
    private readonly int _feedBytes;
    private readonly int _maxBufferBytes;
    private readonly byte[] _outputBuffer;
    private byte[] _input = [];
    private byte* _inputStart;

    /// <summary>Bytes of the current frame in <see cref="_input"/>.</summary>
    private int _length;

    /// <summary>How far zstd has taken the current frame's input (it must see the same position again).</summary>
    private nuint _consumed;

    /// <summary><see cref="_length"/> when zstd was last called, and at the last sync flush.</summary>
    private int _fed;
    private int _flushed;

    private bool _wroteFrame;
    private bool _broken;
    private bool _disposed;

    /// <param name="output">Receives the compressed bytes; flushed by <see cref="Flush"/>, never disposed.</param>
    /// <param name="level">zstd level (1, 3 or 9 in the archive).</param>
    /// <param name="feedBytes">zstd is called once this much input has gathered, so the output keeps up with the input.</param>
    /// <param name="maxBufferBytes">The largest buffer, hence frame.</param>
    public ContiguousZstdStream(Stream output, int level, int feedBytes, int maxBufferBytes = DefaultMaxBufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(feedBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBufferBytes, 1);
        _output = output;
        _feedBytes = feedBytes;
        _maxBufferBytes = maxBufferBytes;
        _context = ZstdNative.ZSTD_createCCtx();
        if (_context.IsInvalid)
        {
            throw new InvalidOperationException("libzstd could not create a compression context (out of memory?).");
        }

        ZstdNative.Check(ZstdNative.ZSTD_CCtx_setParameter(_context, ZstdNative.CompressionLevelParameter, level));
        ZstdNative.Check(ZstdNative.ZSTD_CCtx_setParameter(_context, ZstdNative.StableInBufferParameter, 1));
        _outputBuffer = new byte[(int)ZstdNative.ZSTD_CStreamOutSize()];
        Allocate(Math.Min(InitialBufferBytes, maxBufferBytes));
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.Length > _input.Length - _length)
        {
            if (_length > 0)
            {
                EndFrame();
            }

            // Doubles up to the largest buffer; a line larger than that gets a frame of its own size, once.
            var wanted = (int)Math.Max(Math.Min((long)_input.Length * 2, _maxBufferBytes), buffer.Length);
            if (wanted != _input.Length)
            {
                Allocate(wanted);
            }
        }

        buffer.CopyTo(new Span<byte>(_inputStart + _length, _input.Length - _length));
        _length += buffer.Length;
        if (_length - _fed >= _feedBytes)
        {
            Compress(ZstdNative.EndDirective.Continue);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    /// <summary>A sync flush: everything written so far becomes decodable from the output, and the output is flushed.</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_length > _flushed)
        {
            Compress(ZstdNative.EndDirective.Flush);
            _flushed = _length;
        }

        _output.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Ends the frame in progress (an empty stream still gets one empty frame, so that it is valid zstd); after a failed
    /// write it only releases the context, since zstd's state no longer matches what reached the output.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                if (!_broken && (_length > 0 || !_wroteFrame))
                {
                    EndFrame();
                }
            }
            finally
            {
                _context.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void EndFrame()
    {
        Compress(ZstdNative.EndDirective.End);
        _length = 0;
        _fed = 0;
        _flushed = 0;
        _consumed = 0;
        _wroteFrame = true;
    }

    private void Allocate(int bytes)
    {
        // Pinned (never moved), as zstd keeps reading the frame's earlier input through this pointer between calls.
        _input = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        _inputStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_input));
    }

    private void Compress(ZstdNative.EndDirective directive)
    {
        if (_broken)
        {
            throw new IOException("An earlier write to this archive file failed; it can only be abandoned.");
        }

        try
        {
            var input = new ZstdNative.Buffer { Data = _inputStart, Size = (nuint)_length, Position = _consumed };
            fixed (byte* outputStart = _outputBuffer)
            {
                while (true)
                {
                    var output = new ZstdNative.Buffer { Data = outputStart, Size = (nuint)_outputBuffer.Length };
                    var remaining = ZstdNative.Check(ZstdNative.ZSTD_compressStream2(_context, ref output, ref input, directive));
                    if (output.Position > 0)
                    {
                        _output.Write(_outputBuffer, 0, (int)output.Position);
                    }

                    // Continue: stop once zstd had room to spare; Flush and End: once nothing is left to flush.
                    if (directive == ZstdNative.EndDirective.Continue ? output.Position < output.Size : remaining == 0)
                    {
                        break;
                    }
                }
            }

            _consumed = input.Position;
            _fed = _length;
        }
        catch
        {
            _broken = true;
            throw;
        }
    }
}
