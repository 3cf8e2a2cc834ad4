namespace Polytape.Polymarket.MarketChannel;

/// <summary>The outcome of parsing one frame. <see cref="Error"/> is set only for malformed frames.</summary>
public readonly record struct FrameParseResult(FrameKind Kind, int EventCount, string? Error)
{
    public static FrameParseResult Of(FrameKind kind) => new(kind, 0, null);

    public static FrameParseResult Malformed(string error) => new(FrameKind.Malformed, 0, error);
}
