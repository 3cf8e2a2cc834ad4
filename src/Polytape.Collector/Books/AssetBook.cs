using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>One asset as the book keeper knows it: its book, whether it may be trusted, and how it is hashed.</summary>
public sealed class AssetBook
{
    private AssetCounters _counters;

    internal AssetBook(byte[] assetIdUtf8, AssetId assetId)
    {
        AssetIdUtf8 = assetIdUtf8;
        Book = new OrderBook(assetId);
    }

    /// <summary>The numeric id (kept once, in the book: 32 bytes an asset).</summary>
    public AssetId AssetId => Book.AssetId;

    /// <summary>The id exactly as the venue writes it (hashed as is).</summary>
    public byte[] AssetIdUtf8 { get; }

    public OrderBook Book { get; }

    public ContinuityState State { get; internal set; } = ContinuityState.Syncing;

    public ContinuityCause Cause { get; internal set; } = ContinuityCause.Subscribed;

    /// <summary>Grows with every snapshot and tick-size change.</summary>
    public int Epoch { get; internal set; }

    /// <summary>The counters, in place (a reference to the field, so increments land on the asset, not on a copy).</summary>
    public ref AssetCounters Counters => ref _counters;

    /// <summary>Venue time of the last event applied to this asset (-1 before any).</summary>
    public long LastTimestampMs { get; internal set; } = -1;

    /// <summary>The field set this asset's hashes use, once calibrated or configured.</summary>
    public BookHashFormat HashFormat { get; internal set; }

    public AssetMetadata Metadata { get; internal set; } = AssetMetadata.Unknown;

    /// <summary>Set by market_resolved: the market is over and its book will not change again.</summary>
    public bool IsResolved { get; internal set; }

    public string Market => Owner is null ? string.Empty : System.Text.Encoding.UTF8.GetString(Owner.Market);

    public Price LastTradePrice => Owner?.LastTradePrice ?? Price.Empty;

    internal MarketState? Owner { get; set; }

    /// <summary>The connection whose snapshot this book was built from; events from others are not applied (AssetOwnership).</summary>
    internal string? DeliveredBy { get; set; }

    internal PendingGroup Pending;

    /// <summary>In the keeper's list of open groups (a group that closes and reopens between checks is listed once).</summary>
    internal bool ListedAsOpen;

    internal UnconfirmedHash Unconfirmed;

    /// <summary>Whether deltas are applied: only once a snapshot has been taken.</summary>
    internal bool AcceptsDeltas => State is ContinuityState.Live or ContinuityState.Suspect;
}
