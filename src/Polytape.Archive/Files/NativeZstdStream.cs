using ZstdNet;

namespace Polytape.Archive.Files;

/// <summary>
/// The archive's zstd compressor: ZstdNet over the native libzstd it ships, ~40% less CPU than the managed port on our
/// frames at level 1, with identical output. ZstdNet's <c>Flush</c> ends a zstd block but leaves the compressed bytes in
/// the output stream's buffer; here it also flushes that stream, so a flush reaches the OS as the archive needs.
/// </summary>
internal sealed class NativeZstdStream : CompressionStream
{
    private static readonly CompressionOptions Fastest = new(1);
    private static readonly CompressionOptions Default = new(3);
    private static readonly CompressionOptions Smallest = new(9);

    private readonly Stream _output;

    /// <summary>Shared, immutable options for the levels <see cref="ArchiveCodec.ZstdLevel"/> uses.</summary>
    public static CompressionOptions OptionsFor(int level) => level switch
    {
        1 => Fastest,
        3 => Default,
        9 => Smallest,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Only levels 1, 3 and 9 are used."),
    };

    public NativeZstdStream(Stream output, CompressionOptions options)
        : base(output, options) => _output = output;

    public override void Flush()
    {
        base.Flush();
        _output.Flush();
    }
}
