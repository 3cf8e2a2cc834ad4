using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Collector.Rest;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.Rest;

namespace Polytape.Collector.Verification;

/// <summary>
/// Checks local books against the venue's <c>POST /books</c> every <see cref="RestVerifierOptions.VerifyInterval"/>:
/// a rotating sample of Live assets plus every Suspect one. A difference the feed cannot explain (same venue time,
/// or the venue still ahead after a short re-check) makes the asset Suspect (<see cref="ContinuityCause.RestMismatch"/>),
/// then Resyncing, and asks the pool for a fresh snapshot. Equal books of silent assets tell a quiet market from a
/// frozen feed. Comparisons run on the ingest loop, so they see the book exactly as the frames so far left it.
/// </summary>
public sealed class RestVerifier
{
    private readonly IngestPipeline _pipeline;
    private readonly ClobRestClient _rest;
    private readonly IResyncRequester _resync;
    private readonly TimeProvider _time;
    private readonly RestVerifierOptions _options;
    private readonly ILogger _logger;
    private readonly RestBookComparer _comparer = new();
    private int _cursor;
    private long _rounds;
    private long _checks;
    private long _matches;
    private long _mismatches;
    private long _hashMismatches;
    private long _resyncs;
    private long _quiet;
    private long _frozen;
    private long _explained;
    private long _inconclusive;
    private long _compareTurns;

    public RestVerifier(IngestPipeline pipeline, ClobRestClient rest, IResyncRequester resync, TimeProvider time, RestVerifierOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(resync);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new RestVerifierOptions();
        _options.Validate();
        _pipeline = pipeline;
        _rest = rest;
        _resync = resync;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    public long Rounds => Volatile.Read(ref _rounds);

    /// <summary>Books compared (each asset of each round; a re-check counts again).</summary>
    public long Checks => Volatile.Read(ref _checks);

    public long Matches => Volatile.Read(ref _matches);

    /// <summary>Confirmed differences: the asset was made Suspect and resynced.</summary>
    public long Mismatches => Volatile.Read(ref _mismatches);

    /// <summary>Equal levels whose REST hash did not reproduce.</summary>
    public long HashMismatches => Volatile.Read(ref _hashMismatches);

    public long ResyncsRequested => Volatile.Read(ref _resyncs);

    /// <summary>Silent assets whose REST book equals ours: quiet markets, not frozen feeds.</summary>
    public long QuietConfirmed => Volatile.Read(ref _quiet);

    /// <summary>The venue's book moved on and the feed did not deliver it within the re-check delay.</summary>
    public long FrozenDetected => Volatile.Read(ref _frozen);

    /// <summary>Differences that a re-check showed were updates in flight.</summary>
    public long ExplainedInFlight => Volatile.Read(ref _explained);

    /// <summary>REST books older than our last event that differ (stale REST views); not acted on.</summary>
    public long Inconclusive => Volatile.Read(ref _inconclusive);

    /// <summary>Ingest turns the comparisons took (<see cref="RestVerifierOptions.CompareBatchSize"/> books each).</summary>
    public long CompareTurns => Volatile.Read(ref _compareTurns);

    /// <summary>Runs a round every interval until cancelled; a failed round is logged and the next one runs.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.VerifyInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await VerifyOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ClobRestException or Polymarket.PolymarketFormatException or InvalidOperationException)
                {
                    Log.VerifyRoundFailed(_logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: sample, fetch, compare, re-check what the venue is ahead on, act on confirmed differences.</summary>
    public async Task<IReadOnlyDictionary<string, BookVerdict>> VerifyOnceAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rounds);
        var sample = await _pipeline.InvokeAsync(Sample, cancellationToken).ConfigureAwait(false);
        var verdicts = new Dictionary<string, BookVerdict>(StringComparer.Ordinal);
        if (sample.Count == 0)
        {
            return verdicts;
        }

        var books = await _rest.GetBooksAsync(sample, cancellationToken).ConfigureAwait(false);
        var first = await CompareInTurnsAsync(books, cancellationToken).ConfigureAwait(false);
        var ahead = new List<string>();
        foreach (var (id, verdict) in first)
        {
            verdicts[id] = verdict;
            if (verdict == BookVerdict.VenueAhead)
            {
                ahead.Add(id);
            }
        }

        if (ahead.Count > 0)
        {
            await Task.Delay(_options.RecheckDelay, _time, cancellationToken).ConfigureAwait(false);
            var again = await _rest.GetBooksAsync(ahead, cancellationToken).ConfigureAwait(false);
            var second = await CompareInTurnsAsync(again, cancellationToken).ConfigureAwait(false);
            foreach (var (id, verdict) in second)
            {
                if (verdict == BookVerdict.VenueAhead)
                {
                    Interlocked.Increment(ref _frozen);
                }
                else if (verdict is BookVerdict.Match or BookVerdict.HashMismatch)
                {
                    Interlocked.Increment(ref _explained);
                }

                verdicts[id] = verdict;
            }
        }

        var confirmed = verdicts.Where(v => v.Value is BookVerdict.Mismatch or BookVerdict.VenueAhead).Select(v => v.Key).ToList();
        if (confirmed.Count > 0)
        {
            await _pipeline.InvokeAsync(keeper => MarkForResync(keeper, confirmed), cancellationToken).ConfigureAwait(false);
            foreach (var id in confirmed)
            {
                Interlocked.Increment(ref _mismatches);
                Log.RestMismatch(_logger, id, verdicts[id] == BookVerdict.Mismatch ? "same venue time, different levels" : "venue ahead after re-check");
                await _resync.ResubscribeAsync(id, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _resyncs);
            }
        }

        return verdicts;
    }

    /// <summary>Every Suspect asset, plus the next <see cref="RestVerifierOptions.SampleSize"/> Live ones in rotation.</summary>
    /// <remarks>
    /// Runs on the keeper's thread, so it must not walk every asset: at the full universe (300,000) that held up
    /// ingest for tens of milliseconds each round. It walks on from where the last round stopped until it has enough.
    /// </remarks>
    private List<string> Sample(BookKeeper keeper)
    {
        var sample = new List<string>();
        foreach (var asset in keeper.SuspectAssets)
        {
            if (!asset.IsResolved)
            {
                sample.Add(Encoding.UTF8.GetString(asset.AssetIdUtf8));
            }
        }

        var assets = keeper.Assets;
        var count = assets.Count;
        var start = count == 0 ? 0 : _cursor % count;
        var walked = 0;
        for (var taken = 0; walked < count && taken < _options.SampleSize; walked++)
        {
            var asset = assets[(start + walked) % count];
            if (asset.State == ContinuityState.Live && !asset.IsResolved)
            {
                sample.Add(Encoding.UTF8.GetString(asset.AssetIdUtf8));
                taken++;
            }
        }

        _cursor = count == 0 ? 0 : (start + walked) % count;
        return sample;
    }

    /// <summary>Compares on the ingest loop, <see cref="RestVerifierOptions.CompareBatchSize"/> books per turn.</summary>
    private async Task<List<(string AssetId, BookVerdict Verdict)>> CompareInTurnsAsync(IReadOnlyList<PolymarketOrderBookSummary> books, CancellationToken cancellationToken)
    {
        var results = new List<(string, BookVerdict)>(books.Count);
        foreach (var batch in books.Chunk(_options.CompareBatchSize))
        {
            await _pipeline.InvokeAsync(keeper => Compare(keeper, batch, results), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _compareTurns);
        }

        return results;
    }

    private bool Compare(BookKeeper keeper, PolymarketOrderBookSummary[] books, List<(string AssetId, BookVerdict Verdict)> results)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var book in books)
        {
            var verdict = _comparer.Compare(keeper, book, out var localMs, out _);
            if (verdict == BookVerdict.NotComparable)
            {
                continue;
            }

            Interlocked.Increment(ref _checks);
            switch (verdict)
            {
                case BookVerdict.Match:
                    Interlocked.Increment(ref _matches);
                    if (keeper.TryGetAsset(book.AssetId, out var asset) && asset.State == ContinuityState.Suspect)
                    {
                        keeper.MarkVerified(asset.AssetIdUtf8);
                    }

                    if (localMs >= 0 && nowMs - localMs >= _options.QuietAfter.TotalMilliseconds)
                    {
                        Interlocked.Increment(ref _quiet);
                    }

                    break;
                case BookVerdict.HashMismatch:
                    Interlocked.Increment(ref _hashMismatches);
                    break;
                case BookVerdict.VenueBehind:
                    Interlocked.Increment(ref _inconclusive);
                    break;
            }

            results.Add((book.AssetId, verdict));
        }

        return true;
    }

    private static bool MarkForResync(BookKeeper keeper, List<string> assetIds)
    {
        foreach (var id in assetIds)
        {
            var utf8 = Encoding.UTF8.GetBytes(id);
            keeper.MarkSuspect(utf8, ContinuityCause.RestMismatch);
            keeper.RequestResync(utf8);
        }

        return true;
    }
}
