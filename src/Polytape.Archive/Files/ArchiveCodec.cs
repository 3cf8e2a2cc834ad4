using System.IO.Compression;

namespace Polytape.Archive.Files;

/// <summary>The compressed streams behind archive files, chosen by a file's extension (<see cref="ArchiveFileNames.FormatOf"/>).</summary>
internal static class ArchiveCodec
{
    /// <summary>
    /// A compressing stream over <paramref name="output"/>, left open when disposed. Its <c>Flush</c> makes everything
    /// written so far decodable from the output (gzip sync flush, zstd flush) and flushes the output. zstd compresses
    /// natively from its own contiguous buffer (<see cref="ContiguousZstdStream"/>), calling zstd once
    /// <paramref name="blockBytes"/> have gathered.
    /// </summary>
    public static Stream Compress(
        Stream output, ArchiveFormat format, CompressionLevel level, int blockBytes = ArchiveFile.DefaultBlockBytes)
    {
        if (format == ArchiveFormat.Gzip)
        {
            return new GZipStream(output, level, leaveOpen: true);
        }

        var zstdLevel = ZstdLevel(level);
        return new ContiguousZstdStream(output, zstdLevel, blockBytes, ContiguousZstdStream.MaxBufferBytesFor(zstdLevel));
    }

    /// <summary>Whether the compressor gathers its input itself, so that lines can be written to it one by one.</summary>
    public static bool BuffersInput(ArchiveFormat format) => format == ArchiveFormat.Zstd;

    /// <summary>
    /// A decompressing stream that owns <paramref name="input"/>. Unless <paramref name="complete"/>, a stream cut short
    /// (a file still being written, or left by a crash) ends without an error, and reading again later returns what was
    /// appended since; a sealed file must be <paramref name="complete"/>, so a zstd stream that ends early throws
    /// <see cref="EndOfStreamException"/> (gzip shows it as an incomplete last record instead). zstd decompresses natively
    /// (<see cref="NativeZstdDecompressionStream"/>).
    /// </summary>
    public static Stream Decompress(Stream input, ArchiveFormat format, bool complete) => format switch
    {
        ArchiveFormat.Gzip => new GZipStream(input, CompressionMode.Decompress),
        _ => new NativeZstdDecompressionStream(input, complete),
    };

    /// <summary>Whether a read failed because the compressed bytes are damaged (as opposed to a bug).</summary>
    public static bool IsDamage(Exception e) => e is InvalidDataException or IOException or ZstdNet.ZstdException;

    /// <summary>
    /// zstd levels for the shared level names. Level 1 is zstd's fastest standard level; 9 (not 19) for the smallest
    /// keeps a recorder at tens of MB/s; zstd has no stored mode, so "no compression" is level 1 as well.
    /// </summary>
    public static int ZstdLevel(CompressionLevel level) => level switch
    {
        CompressionLevel.Optimal => 3,
        CompressionLevel.SmallestSize => 9,
        _ => 1,
    };
}
