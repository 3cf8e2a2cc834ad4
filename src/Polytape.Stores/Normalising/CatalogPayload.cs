using System.Text.Json;
using Polytape.Stores.Model;

namespace Polytape.Stores.Normalising;

/// <summary>
/// Reads catalog records: one market object <c>{"condition_id":…,"slug":…,"question":…,"tokens":[{"asset_id":…,"outcome":…}],
/// "tick_size":…,"min_order_size":…,"neg_risk":…,"end_date":…}</c> or an array of them. CLOB and Gamma spellings are
/// accepted (<c>conditionId</c>, <c>token_id</c>, <c>minimum_tick_size</c>, <c>clobTokenIds</c> with <c>outcomes</c> …).
/// </summary>
internal static class CatalogPayload
{
    /// <summary>The event type of a catalog record that says discovery dropped a market (same JSON plus a reason).</summary>
    public const string RemovedEventType = "catalog_removed";

    /// <summary>A removal becomes a lifecycle row (event "removed"): the market stays in the markets table as last listed.</summary>
    public static bool TryReadRemoval(ReadOnlySpan<byte> payload, Func<long, RowKey> nextKey, List<MarketLifecycleRow> rows)
    {
        var markets = new List<MarketRow>();
        var outcomes = new List<OutcomeRow>();
        if (!TryRead(payload, nextKey, markets, outcomes))
        {
            return false;
        }

        foreach (var market in markets)
        {
            var assets = string.Join(',', outcomes.Where(o => o.Key == market.Key).Select(o => o.AssetId));
            rows.Add(new MarketLifecycleRow(market.Key, MarketLifecycleEvent.Removed, null, market.ConditionId, assets, null));
        }

        return true;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, Func<long, RowKey> nextKey, List<MarketRow> markets, List<OutcomeRow> outcomes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var any = false;
            foreach (var obj in JsonFields.Objects(document.RootElement))
            {
                if (JsonFields.Text(obj, "condition_id", "conditionId", "market") is not { } conditionId)
                {
                    continue;
                }

                var key = nextKey(-1);
                markets.Add(new MarketRow(
                    key,
                    conditionId,
                    JsonFields.Text(obj, "slug", "market_slug"),
                    JsonFields.Text(obj, "question"),
                    JsonFields.Price(obj, "tick_size", "minimum_tick_size", "orderPriceMinTickSize"),
                    JsonFields.Size(obj, "min_order_size", "minimum_order_size", "orderMinSize"),
                    JsonFields.Boolean(obj, "neg_risk", "negRisk"),
                    JsonFields.Text(obj, "end_date", "end_date_iso", "endDate", "endDateIso")));
                var index = 0;
                foreach (var (asset, outcome) in Tokens(obj))
                {
                    outcomes.Add(new OutcomeRow(key, conditionId, asset, outcome, index++));
                }

                any = true;
            }

            return any;
        }
    }

    private static List<(string Asset, string? Outcome)> Tokens(JsonElement market)
    {
        var tokens = new List<(string, string?)>();
        if (JsonFields.Find(market, "tokens") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var token in array.EnumerateArray())
            {
                if (token.ValueKind == JsonValueKind.Object && JsonFields.Text(token, "asset_id", "token_id", "assetId", "tokenId", "id") is { } asset)
                {
                    tokens.Add((asset, JsonFields.Text(token, "outcome", "name")));
                }
            }

            return tokens;
        }

        // Gamma writes clobTokenIds and outcomes as JSON arrays encoded in strings.
        var ids = StringArray(market, "clobTokenIds", "clob_token_ids");
        var names = StringArray(market, "outcomes");
        for (var i = 0; i < ids.Count; i++)
        {
            tokens.Add((ids[i], i < names.Count ? names[i] : null));
        }

        return tokens;
    }

    private static List<string> StringArray(JsonElement obj, params ReadOnlySpan<string> names)
    {
        var value = JsonFields.Find(obj, names);
        try
        {
            using var inner = value is { ValueKind: JsonValueKind.String } text ? JsonDocument.Parse(text.GetString()!) : null;
            var array = inner?.RootElement ?? value;
            return array is { ValueKind: JsonValueKind.Array } items
                ? items.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
