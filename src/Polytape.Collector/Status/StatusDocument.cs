using System.Text.Json;

namespace Polytape.Collector.Status;

/// <summary>The status document's JSON text, exactly as <c>/status</c> serves it and the status file holds it.</summary>
public static class StatusDocument
{
    public static string ToJson(RecorderStatus status) => JsonSerializer.Serialize(status, StatusJsonContext.Default.RecorderStatus);

    public static byte[] ToUtf8(RecorderStatus status) => JsonSerializer.SerializeToUtf8Bytes(status, StatusJsonContext.Default.RecorderStatus);

    public static RecorderStatus? Parse(string json) => JsonSerializer.Deserialize(json, StatusJsonContext.Default.RecorderStatus);
}
