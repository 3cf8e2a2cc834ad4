using System.Runtime.InteropServices;

namespace Polytape.Archive.Files;

/// <summary>
/// The few libzstd streaming-decompression calls <see cref="NativeZstdDecompressionStream"/> needs, bound to the native
/// library the ZstdNet package ships (runtimes/&lt;rid&gt;/native/libzstd).
/// </summary>
internal static unsafe partial class ZstdNative
{
    private const string Library = "libzstd";

    /// <summary><c>ZSTD_inBuffer</c> and <c>ZSTD_outBuffer</c> (same layout): memory, its size, and how far zstd got.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public void* Data;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(Library)]
    public static partial DecompressionContext ZSTD_createDStream();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeDStream(nint zds);

    /// <summary>0 when a frame is completely decoded and flushed; otherwise a size hint, or an error code.</summary>
    [LibraryImport(Library)]
    public static partial nuint ZSTD_decompressStream(DecompressionContext zds, ref Buffer output, ref Buffer input);

    [LibraryImport(Library)]
    public static partial uint ZSTD_isError(nuint code);

    /// <summary>A static string owned by libzstd: read it, never free it (hence no string marshalling here).</summary>
    [LibraryImport(Library)]
    public static partial nint ZSTD_getErrorName(nuint code);

    /// <summary>Throws <see cref="InvalidDataException"/> (damage, per <see cref="ArchiveCodec.IsDamage"/>) for an error code.</summary>
    public static nuint Check(nuint result)
    {
        if (ZSTD_isError(result) != 0)
        {
            throw new InvalidDataException("zstd: " + Marshal.PtrToStringUTF8(ZSTD_getErrorName(result)));
        }

        return result;
    }

    /// <summary>A <c>ZSTD_DStream*</c>, freed exactly once however the stream that owns it ends.</summary>
    public sealed class DecompressionContext() : SafeHandle(0, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            ZSTD_freeDStream(handle);
            return true;
        }
    }
}
