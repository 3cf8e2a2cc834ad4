using System.Text.Json;

namespace Polytape.Collector.Feed;

/// <summary>The client frames of the market channel (§2.1–2.2), ids chunked so no frame carries too many.</summary>
internal static class SubscriptionFrames
{
    /// <summary>The first frame of a session, with the first chunk of ids; always sends initial_dump explicitly (§2.1).</summary>
    public static byte[] Initial(IReadOnlyList<string> assetIds, bool customFeatures) =>
        Write(assetIds, json =>
        {
            json.WriteString("type", "market");
            json.WriteBoolean("initial_dump", true);
            if (customFeatures)
            {
                json.WriteBoolean("custom_feature_enabled", true);
            }
        });

    public static byte[] Operation(string operation, IReadOnlyList<string> assetIds, bool customFeatures) =>
        Write(assetIds, json =>
        {
            json.WriteString("operation", operation);
            if (customFeatures && operation == "subscribe")
            {
                json.WriteBoolean("custom_feature_enabled", true);
            }
        });

    private static byte[] Write(IReadOnlyList<string> assetIds, Action<Utf8JsonWriter> extra)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("assets_ids");
            foreach (var id in assetIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            extra(json);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
