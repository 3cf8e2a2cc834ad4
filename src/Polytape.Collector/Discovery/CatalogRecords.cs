using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Polytape.Archive;

namespace Polytape.Collector.Discovery;

/// <summary>
/// Catalog entries as archive records: <c>catalog</c> for an added or changed market, <c>catalog_removed</c> for a
/// removal, each a compact JSON object (cold path: a few per refresh).
/// </summary>
internal static class CatalogRecords
{
    public const string MarketEventType = "catalog";
    public const string RemovedEventType = "catalog_removed";

    public static ArchiveRecord Market(CatalogMarket market, DateTimeOffset at) => Record(MarketEventType, market, null, at);

    public static ArchiveRecord Removed(RemovedMarket removed, DateTimeOffset at) => Record(RemovedEventType, removed.Market, removed.Reason, at);

    /// <summary>The compact JSON of a market (and removal reason).</summary>
    public static byte[] Json(CatalogMarket market, MarketRemovalReason? reason)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("condition_id"u8, market.ConditionId);
            writer.WriteString("slug"u8, market.Slug);
            writer.WriteString("question"u8, market.Question);
            writer.WriteString("gamma_id"u8, market.GammaId);
            if (market.EndDate is { } end)
            {
                writer.WriteString("end_date"u8, end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("end_date"u8);
            }

            writer.WriteBoolean("active"u8, market.Active);
            writer.WriteBoolean("closed"u8, market.Closed);
            writer.WriteBoolean("accepting_orders"u8, market.AcceptingOrders);
            writer.WriteBoolean("neg_risk"u8, market.NegRisk);
            WriteText(writer, "tick_size"u8, market.TickSize.IsEmpty ? null : market.TickSize.ToString());
            WriteText(writer, "min_order_size"u8, market.MinOrderSize.IsEmpty ? null : market.MinOrderSize.ToString());
            writer.WriteStartArray("tokens"u8);
            foreach (var token in market.Tokens)
            {
                writer.WriteStartObject();
                writer.WriteString("asset_id"u8, token.AssetId);
                writer.WriteString("outcome"u8, token.Outcome);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (reason is { } why)
            {
                writer.WriteString("reason"u8, ReasonName(why));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ReasonName(MarketRemovalReason reason) => reason switch
    {
        MarketRemovalReason.NotListed => "not_listed",
        MarketRemovalReason.Closed => "closed",
        MarketRemovalReason.Expired => "expired",
        MarketRemovalReason.Resolved => "resolved",
        _ => "unknown",
    };

    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static ArchiveRecord Record(string eventType, CatalogMarket market, MarketRemovalReason? reason, DateTimeOffset at) => new()
    {
        Kind = ArchiveRecordKind.Catalog,
        ReceivedAtMicros = ArchiveRecord.ToMicros(at),
        EventType = eventType,
        Context = market.Slug is { Length: <= ArchiveRecord.MaxContextLength } slug ? slug : null,
        Payload = Json(market, reason),
    };
}
