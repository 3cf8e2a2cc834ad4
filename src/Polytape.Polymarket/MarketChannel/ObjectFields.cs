using System.Runtime.CompilerServices;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// The fields of one event object, gathered in a single pass before its event_type is known (the
/// venue does not put event_type first). Text is kept as ranges of the frame, so nothing is copied.
/// </summary>
internal struct ObjectFields
{
    public MarketEventType Type;
    public WireField Seen;

    /// <summary>Fields that were present but whose values could not be used.</summary>
    public WireField Invalid;

    public Range Raw;
    public Range EventType;
    public Range Market;
    public Range AssetId;
    public Range Id;
    public Range WinningAssetId;
    public Range TransactionHash;

    public long TimestampMs;
    public BookHash Hash;
    public bool HasHash;

    public int BidCount;
    public int AskCount;
    public int EntryCount;
    public int AssetIdCount;

    public Price TickSize;
    public Price LastTradePrice;
    public Price Price;
    public Price OldTickSize;
    public Price NewTickSize;
    public Price BestBid;
    public Price BestAsk;
    public Price Spread;
    public Size MinOrderSize;
    public Size Size;
    public bool NegRisk;
    public Side Side;
    public int FeeRateBps;

    public UnknownKeys Unknown;
    public int UnknownCount;

    public static ObjectFields Create() => new()
    {
        TimestampMs = -1,
        TickSize = Price.Empty,
        LastTradePrice = Price.Empty,
        Price = Price.Empty,
        OldTickSize = Price.Empty,
        NewTickSize = Price.Empty,
        BestBid = Price.Empty,
        BestAsk = Price.Empty,
        Spread = Price.Empty,
        MinOrderSize = Size.Empty,
        Size = Size.Empty,
        FeeRateBps = -1,
    };

    public readonly bool Has(WireField field) => (Seen & field) != 0;

    public readonly bool Usable(WireField field) => (Seen & field) != 0 && (Invalid & field) == 0;

    public void AddUnknown(Range name, KeyContext context)
    {
        if (UnknownCount < UnknownKeys.Capacity)
        {
            Unknown[UnknownCount] = new UnknownKey(name, context);
        }

        UnknownCount++;
    }
}

/// <summary>Where an unknown key was found.</summary>
internal enum KeyContext : byte
{
    Event = 0,
    Level = 1,
    PriceChangeEntry = 2,
    LegacyChange = 3,
}

internal readonly record struct UnknownKey(Range Name, KeyContext Context);

/// <summary>Unknown keys of one object, kept inline; an object with more than this many is counted, not itemised.</summary>
[InlineArray(Capacity)]
internal struct UnknownKeys
{
    public const int Capacity = 8;

    private UnknownKey _element;
}
