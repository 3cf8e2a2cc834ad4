using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>How the book keeper verifies books. Defaults suit today's venue and offline checks of captures.</summary>
public sealed record BookKeeperOptions
{
    /// <summary>Unknown: calibrate each asset's hash field set on its first hashed snapshot (captures span eras).</summary>
    public BookHashFormat HashFormat { get; init; } = BookHashFormat.Unknown;

    /// <summary>The field set used when calibration has not succeeded (what the live venue uses).</summary>
    public BookHashFormat FallbackHashFormat { get; init; } = BookHashFormat.V4;

    /// <summary>Used when no metadata is known for an asset: every 2026 capture shows "5".</summary>
    public Size DefaultMinOrderSize { get; init; } = Size.Parse("5");

    /// <summary>Used when no metadata is known: most markets are not neg-risk.</summary>
    public bool DefaultNegRisk { get; init; }

    /// <summary>Used when neither the book nor metadata gives the tick; Empty tries each venue tick when calibrating.</summary>
    public Price DefaultTickSize { get; init; } = Price.Empty;

    /// <summary>Check hashes as well as best bid/ask. Hashing costs a few µs per group on deep books.</summary>
    public bool VerifyHashes { get; init; } = true;
}
