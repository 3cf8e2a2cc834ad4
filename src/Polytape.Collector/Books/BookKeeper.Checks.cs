using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>The checks: price_change groups, snapshot hashes (with field-set calibration), late explanations.</summary>
public sealed partial class BookKeeper
{
    private static readonly BookHashFormat[] CalibrationOrder = [BookHashFormat.V4, BookHashFormat.V3, BookHashFormat.V2, BookHashFormat.V1];
    private static readonly Price[] VenueTickSizes = [Price.Parse("0.01"), Price.Parse("0.001"), Price.Parse("0.1"), Price.Parse("0.0001")];
    private static readonly Price FallbackTickSize = Price.Parse("0.01");

    /// <summary>Checks an asset's open group against the venue's post-group best bid/ask and hash.</summary>
    private void CloseGroup(AssetBook asset)
    {
        if (!asset.Pending.IsOpen)
        {
            return;
        }

        var group = asset.Pending;
        asset.Pending = default;
        ref var counters = ref asset.Counters;
        var failure = ContinuityCause.None;
        if (group.HasBestBidAsk)
        {
            counters.BboChecks++;
            if (!BestMatches(asset.Book.Bids, group.BestBid, emptyUnits: 0))
            {
                failure = ContinuityCause.BestBidMismatch;
            }
            else if (!BestMatches(asset.Book.Asks, group.BestAsk, emptyUnits: Price.UnitsPerOne))
            {
                failure = ContinuityCause.BestAskMismatch;
            }

            if (failure != ContinuityCause.None)
            {
                counters.BboMismatches++;
                Totals.BboMismatches++;
            }
        }

        if (asset.Book.IsCrossed)
        {
            counters.CrossedBooks++;
            Totals.CrossedBooks++;
            failure = failure == ContinuityCause.None ? ContinuityCause.CrossedBook : failure;
        }

        var verified = false;
        if (group.HasHash && _options.VerifyHashes)
        {
            counters.HashChecks++;
            verified = GroupHashMatches(asset, group);
            if (verified)
            {
                if (asset.Unconfirmed.IsSet && asset.Unconfirmed.Hash == group.Hash)
                {
                    counters.HashMismatchesExplained++;
                    Totals.HashMismatchesExplained++;
                }

                asset.Unconfirmed = default;
            }
            else
            {
                counters.HashMismatches++;
                Totals.HashMismatches++;
                failure = failure == ContinuityCause.None ? ContinuityCause.HashMismatch : failure;
                asset.Unconfirmed = new UnconfirmedHash { IsSet = true, Hash = group.Hash, TimestampMs = group.TimestampMs };
            }
        }

        if (failure != ContinuityCause.None)
        {
            Fail(asset, failure, group.TimestampMs);
        }
        else if (verified && asset.State == ContinuityState.Suspect)
        {
            // A matching SHA-1 of the whole book is proof: the book is right again.
            Transition(asset, ContinuityState.Live, ContinuityCause.HashVerified, group.TimestampMs);
        }
    }

    /// <summary>The venue may hash a trade before announcing it, or announce it before the hash: try both prices.</summary>
    private bool GroupHashMatches(AssetBook asset, in PendingGroup group)
    {
        var format = EffectiveFormat(asset);
        var now = asset.LastTradePrice;
        if (HashOf(asset, format, group.TimestampMs, TickOf(asset), now) == group.Hash)
        {
            return true;
        }

        var then = group.LastTradePriceAtApply;
        return format >= BookHashFormat.V4 && !SameText(then, now) &&
               HashOf(asset, format, group.TimestampMs, TickOf(asset), then) == group.Hash;
    }

    /// <summary>A trade price that arrives after a mismatch may be the one the venue had already hashed.</summary>
    private void ExplainByTradePrice(AssetBook asset, Price lastTradePrice)
    {
        ref var unconfirmed = ref asset.Unconfirmed;
        if (!unconfirmed.IsSet || unconfirmed.ChangesSince != 0 || EffectiveFormat(asset) < BookHashFormat.V4)
        {
            return;
        }

        if (HashOf(asset, BookHashFormat.V4, unconfirmed.TimestampMs, TickOf(asset), lastTradePrice) != unconfirmed.Hash)
        {
            return;
        }

        asset.Counters.HashMismatchesExplained++;
        Totals.HashMismatchesExplained++;
        var timestamp = unconfirmed.TimestampMs;
        unconfirmed = default;
        if (asset.State == ContinuityState.Suspect && asset.Cause == ContinuityCause.HashMismatch)
        {
            Transition(asset, ContinuityState.Live, ContinuityCause.HashVerified, timestamp);
        }
    }

    /// <summary>
    /// Verifies a snapshot's hash. An asset whose field set is unknown is calibrated here: the first
    /// format (and, when unknown, venue tick) that reproduces the hash is kept. A SHA-1 match cannot be
    /// an accident, so calibration never accepts a wrong guess.
    /// </summary>
    private bool SnapshotHashMatches(AssetBook asset, BookHash reported, long timestampMs)
    {
        var lastTradePrice = asset.LastTradePrice;
        if (asset.HashFormat != BookHashFormat.Unknown)
        {
            return HashOf(asset, asset.HashFormat, timestampMs, TickOf(asset), lastTradePrice) == reported;
        }

        var knownTick = KnownTick(asset);
        foreach (var format in CalibrationOrder)
        {
            if (format < BookHashFormat.V3)
            {
                if (HashOf(asset, format, timestampMs, Price.Empty, lastTradePrice) == reported)
                {
                    asset.HashFormat = format;
                    return true;
                }

                continue;
            }

            foreach (var tick in knownTick.IsEmpty ? VenueTickSizes : [knownTick])
            {
                if (HashOf(asset, format, timestampMs, tick, lastTradePrice) == reported)
                {
                    asset.HashFormat = format;
                    asset.Metadata = asset.Metadata with { TickSize = tick };
                    return true;
                }
            }
        }

        return false;
    }

    private BookHash HashOf(AssetBook asset, BookHashFormat format, long timestampMs, Price tickSize, Price lastTradePrice)
    {
        var metadata = asset.Metadata;
        var input = new BookHashInput(
            format,
            asset.Owner is null ? default : asset.Owner.Market,
            asset.AssetIdUtf8,
            timestampMs,
            metadata.MinOrderSize.IsEmpty ? _options.DefaultMinOrderSize : metadata.MinOrderSize,
            tickSize,
            metadata.NegRisk ?? _options.DefaultNegRisk,
            lastTradePrice);
        return _hasher.Compute(input, asset.Book);
    }

    private BookHashFormat EffectiveFormat(AssetBook asset) =>
        asset.HashFormat != BookHashFormat.Unknown ? asset.HashFormat : _options.FallbackHashFormat;

    private Price KnownTick(AssetBook asset) =>
        !asset.Metadata.TickSize.IsEmpty ? asset.Metadata.TickSize : _options.DefaultTickSize;

    private Price TickOf(AssetBook asset)
    {
        var tick = KnownTick(asset);
        return tick.IsEmpty ? FallbackTickSize : tick;
    }

    /// <summary>The venue reports an empty side as "" or as the bound ("0" for bids, "1" for asks).</summary>
    private static bool BestMatches(BookSide side, Price reported, int emptyUnits)
    {
        if (reported.IsEmpty || reported.Units == emptyUnits)
        {
            return side.IsEmpty;
        }

        return side.TryGetBest(out var best) && best.PriceUnits == reported.Units;
    }

    private static bool SameText(Price a, Price b) => a.Units == b.Units && a.Decimals == b.Decimals;
}
