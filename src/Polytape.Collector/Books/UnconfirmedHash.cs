using Polytape.Domain.Hashing;

namespace Polytape.Collector.Books;

/// <summary>
/// A reported hash that did not match our book. The venue's hash can run ahead (it may already include
/// the next change or an unannounced trade price); if a later state reproduces it, the mismatch is explained.
/// </summary>
internal struct UnconfirmedHash
{
    public bool IsSet;
    public BookHash Hash;
    public long TimestampMs;

    /// <summary>Level changes applied since; a trade-price explanation is only valid while this is zero.</summary>
    public int ChangesSince;
}
