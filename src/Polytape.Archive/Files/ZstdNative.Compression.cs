using System.Runtime.InteropServices;

namespace Polytape.Archive.Files;

/// <summary>The libzstd streaming-compression calls <see cref="ContiguousZstdStream"/> needs.</summary>
internal static partial class ZstdNative
{
    /// <summary><c>ZSTD_c_compressionLevel</c>.</summary>
    public const int CompressionLevelParameter = 100;

    /// <summary>
    /// <c>ZSTD_c_stableInBuffer</c> (<c>ZSTD_c_experimentalParam9</c> in zstd.h 1.5.x): the caller promises that the input
    /// buffer stays where it is, unchanged, until the frame ends, so zstd neither copies it into its window nor matches
    /// across a wrapped window ("extDict" mode, much slower than matching within one contiguous prefix).
    /// </summary>
    public const int StableInBufferParameter = 1006;

    /// <summary><c>ZSTD_EndDirective</c>: compress what makes whole blocks, end a block (a sync flush), or end the frame.</summary>
    public enum EndDirective
    {
        Continue = 0,
        Flush = 1,
        End = 2,
    }

    [LibraryImport(Library)]
    public static partial CompressionContext ZSTD_createCCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeCCtx(nint cctx);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_CCtx_setParameter(CompressionContext cctx, int parameter, int value);

    /// <summary>0 when the directive is complete (everything flushed); otherwise bytes still to flush, or an error code.</summary>
    [LibraryImport(Library)]
    public static partial nuint ZSTD_compressStream2(
        CompressionContext cctx, ref Buffer output, ref Buffer input, EndDirective endOp);

    /// <summary>The output size that lets every call flush at least one whole compressed block.</summary>
    [LibraryImport(Library)]
    public static partial nuint ZSTD_CStreamOutSize();

    /// <summary>A <c>ZSTD_CCtx*</c>, freed exactly once however the stream that owns it ends.</summary>
    public sealed class CompressionContext() : SafeHandle(0, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            ZSTD_freeCCtx(handle);
            return true;
        }
    }
}
