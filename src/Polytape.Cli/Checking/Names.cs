using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Cli.Checking;

/// <summary>The snake_case names reports use for enum values (stable: scripts read them).</summary>
public static class Names
{
    public static string Of(FrameKind kind) => kind switch
    {
        FrameKind.Events => "json",
        FrameKind.Pong => "pong",
        FrameKind.InvalidOperation => "invalid_operation",
        FrameKind.NoNewAssets => "no_new_assets",
        FrameKind.OtherText => "other_text",
        FrameKind.Empty => "empty",
        _ => "malformed",
    };

    public static string Of(MarketEventType type) => MarketEventTypeNames.Of(type);

    public static string Of(ContinuityState state) => ContinuityNames.Of(state);

    public static string Of(BookHashFormat format) => format == BookHashFormat.Unknown ? "unknown" : format.ToString().ToLowerInvariant();

    public static string Of(ContinuityCause cause) => ContinuityNames.Of(cause);
}
