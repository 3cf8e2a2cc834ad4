using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Polytape.Polymarket;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>
/// CLOB <c>GET /prices-history?market=&lt;token id&gt;</c> (§5.4) over the <see cref="PriceHistoryRecorder"/>'s
/// samples: <c>interval</c> (max, all, 1m = a month, 1w, 1d, 6h, 1h) or <c>startTs</c>/<c>endTs</c> in seconds,
/// <c>fidelity</c> in minutes (the last sample of each bucket), plus the live quirks: 1m needs fidelity ≥ 10, 1w ≥ 5,
/// <c>endTs</c> alone is refused, and a "now" point is appended while the market trades.
/// </summary>
internal static class PricesHistoryEndpoint
{
    public static IResult Get(HttpRequest request, MarketEngine engine, PriceHistoryRecorder recorder, TimeProvider time)
    {
        var query = request.Query;
        string? tokenId = query["market"];
        if (!TokenIds.IsWellFormed(tokenId))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, RestResults.InvalidTokenId);
        }

        if (!TryLong(query["startTs"], out var startTs) || !TryLong(query["endTs"], out var endTs)
            || !TryLong(query["fidelity"], out var fidelityValue) || fidelityValue is <= 0 or > 100_000)
        {
            return Invalid("startTs, endTs and fidelity must be positive integers");
        }

        string? interval = query["interval"];
        TimeSpan? span = interval switch
        {
            null or "" or "max" or "all" => null,
            "1m" => TimeSpan.FromDays(30),
            "1w" => TimeSpan.FromDays(7),
            "1d" => TimeSpan.FromDays(1),
            "6h" => TimeSpan.FromHours(6),
            "1h" => TimeSpan.FromHours(1),
            _ => TimeSpan.MinValue,
        };
        var fidelity = (int)(fidelityValue ?? 1);
        if (span == TimeSpan.MinValue)
        {
            return Invalid($"unknown interval '{interval}'; use max, all, 1m, 1w, 1d, 6h or 1h");
        }

        if ((interval == "1m" && fidelity < 10) || (interval == "1w" && fidelity < 5))
        {
            return Invalid($"minimum 'fidelity' for '{interval}' range is {(interval == "1m" ? 10 : 5)}");
        }

        if (endTs is not null && startTs is null && string.IsNullOrEmpty(interval))
        {
            return Invalid("endTs requires startTs or interval");
        }

        var now = time.GetUtcNow();
        var from = startTs ?? (span is { } s ? (now - s).ToUnixTimeSeconds() : 0);
        var to = endTs ?? now.ToUnixTimeSeconds();
        var history = new List<PolymarketPriceHistoryPoint>();
        lock (engine.Gate)
        {
            if (!engine.Universe.TryGetToken(tokenId, out var token))
            {
                return Serialize(history);
            }

            var bucketEnd = long.MinValue;
            foreach (var (minute, halfUnits) in recorder.Between(tokenId, (int)Math.Min(int.MaxValue, from / 60), (int)Math.Min(int.MaxValue, to / 60)))
            {
                // The last sample of each fidelity bucket stands for it.
                var bucket = minute / fidelity;
                var point = new PolymarketPriceHistoryPoint { Time = minute * 60L, Price = BookPrices.HalfUnitsText(halfUnits) };
                if (bucket == bucketEnd)
                {
                    history[^1] = point;
                }
                else
                {
                    history.Add(point);
                    bucketEnd = bucket;
                }
            }

            var nowSeconds = now.ToUnixTimeSeconds();
            if (token.Market.Status == MarketStatus.Active && nowSeconds >= from && nowSeconds <= to + 60
                && (history.Count == 0 || history[^1].Time < nowSeconds))
            {
                history.Add(new PolymarketPriceHistoryPoint { Time = nowSeconds, Price = BookPrices.HalfUnitsText(BookPrices.ValueHalfUnits(token)) });
            }
        }

        return Serialize(history);
    }

    private static IResult Serialize(List<PolymarketPriceHistoryPoint> history) =>
        RestResults.Json(JsonSerializer.SerializeToUtf8Bytes(
            new PolymarketPricesHistory { History = history }, PolymarketJsonContext.Default.PolymarketPricesHistory));

    private static IResult Invalid(string detail) =>
        RestResults.Error(StatusCodes.Status400BadRequest, "invalid filters: " + detail);

    private static bool TryLong(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
