using System.Text;
using Polytape.Collector.Books;
using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.Rest;

namespace Polytape.Collector.Verification;

/// <summary>
/// Compares a local book with the venue's REST book of the same asset. Runs on the ingest loop (the keeper's thread).
/// Equal levels are then proven with the venue's own SHA-1: our book hashed with the REST book's timestamp and
/// metadata, in the asset's calibrated field set, must reproduce the REST hash.
/// </summary>
internal sealed class RestBookComparer
{
    private readonly BookHasher _hasher = new();

    public BookVerdict Compare(BookKeeper keeper, PolymarketOrderBookSummary rest, out long localTimestampMs, out long restTimestampMs)
    {
        localTimestampMs = -1;
        restTimestampMs = long.TryParse(rest.Timestamp, out var ts) ? ts : -1;
        if (!keeper.TryGetAsset(rest.AssetId, out var asset) || asset.IsResolved || asset.State is not (ContinuityState.Live or ContinuityState.Suspect))
        {
            return BookVerdict.NotComparable;
        }

        localTimestampMs = asset.LastTimestampMs;
        var bids = Levels(rest.Bids);
        var asks = Levels(rest.Asks);
        if (!asset.Book.HasSameLevels(bids, asks))
        {
            if (restTimestampMs > localTimestampMs)
            {
                return BookVerdict.VenueAhead;
            }

            return restTimestampMs == localTimestampMs ? BookVerdict.Mismatch : BookVerdict.VenueBehind;
        }

        return HashReproduces(asset, rest, restTimestampMs) ? BookVerdict.Match : BookVerdict.HashMismatch;
    }

    private bool HashReproduces(AssetBook asset, PolymarketOrderBookSummary rest, long restTimestampMs)
    {
        if (string.IsNullOrEmpty(rest.Hash))
        {
            return true;
        }

        var format = asset.HashFormat == BookHashFormat.Unknown ? BookHashFormat.V4 : asset.HashFormat;
        var metadata = asset.Metadata;
        var input = new BookHashInput(
            format,
            Encoding.UTF8.GetBytes(rest.Market),
            asset.AssetIdUtf8,
            restTimestampMs,
            string.IsNullOrEmpty(rest.MinOrderSize) ? metadata.MinOrderSize : Size.Parse(rest.MinOrderSize),
            string.IsNullOrEmpty(rest.TickSize) ? metadata.TickSize : Price.Parse(rest.TickSize),
            rest.NegRisk ?? metadata.NegRisk ?? false,
            string.IsNullOrEmpty(rest.LastTradePrice) ? Price.Empty : Price.Parse(rest.LastTradePrice));
        return _hasher.Compute(input, asset.Book).ToString() == rest.Hash;
    }

    private static BookLevel[] Levels(IReadOnlyList<PolymarketOrderSummary> levels)
    {
        var result = new BookLevel[levels.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new BookLevel(Price.Parse(levels[i].Price), Size.Parse(levels[i].Size));
        }

        return result;
    }
}
