using System.Text.Json;
using Polytape.Stores.Model;

namespace Polytape.Stores.Normalising;

/// <summary>
/// Reads continuity records: <c>{"asset":…,"from":…,"to":…,"cause":…,"epoch":…,"at":…}</c> (or an array of them).
/// Alternative names are accepted (<c>asset_id</c>, <c>from_state</c>, <c>exchange_ms</c> …), unknown fields ignored.
/// </summary>
internal static class ContinuityPayload
{
    public static bool TryRead(ReadOnlySpan<byte> payload, Func<long, RowKey> nextKey, List<ContinuityRow> rows)
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
                if (JsonFields.Text(obj, "asset", "asset_id", "assetId", "token_id") is not { } asset)
                {
                    continue;
                }

                var epoch = JsonFields.Integer(obj, "epoch");
                rows.Add(new ContinuityRow(
                    nextKey(JsonFields.Milliseconds(obj, "at", "exchange_ms", "exchange_time_ms", "timestamp") ?? -1),
                    asset,
                    JsonFields.Text(obj, "from", "from_state"),
                    JsonFields.Text(obj, "to", "to_state", "state"),
                    JsonFields.Text(obj, "cause", "reason"),
                    epoch is >= int.MinValue and <= int.MaxValue ? (int)epoch : null));
                any = true;
            }

            return any;
        }
    }
}
