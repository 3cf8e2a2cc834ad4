using Polytape.Archive;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>The snake_case labels the archive and metrics use (stable: manifests, loaders and dashboards read them).</summary>
public static class IngestNames
{
    /// <summary>An array frame whose events are of more than one type.</summary>
    public const string Mixed = "mixed";

    public static string Of(MarketEventType type) => MarketEventTypeNames.Of(type);

    /// <summary>The label of a frame that carried no event (control text, empty), or of a malformed one.</summary>
    public static string Of(FrameKind kind) => kind switch
    {
        FrameKind.Pong => "pong",
        FrameKind.InvalidOperation => "invalid_operation",
        FrameKind.NoNewAssets => "no_new_assets",
        FrameKind.OtherText => "text",
        FrameKind.Empty => "empty",
        _ => ArchiveRecord.UnknownEventType,
    };

    public static string Of(ContinuityState state) => ContinuityNames.Of(state);

    public static string Of(ContinuityCause cause) => ContinuityNames.Of(cause);
}
