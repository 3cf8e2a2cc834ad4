using System.Buffers;
using System.Text.Json;

namespace Polytape.Simulator.MarketChannel;

/// <summary>GET /admin/truth/connections as snake_case JSON, written by hand (no reflection serialization).</summary>
internal static class ConnectionTruthJson
{
    public static byte[] Write(IReadOnlyList<MarketConnectionTruth> connections)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var c in connections)
            {
                json.WriteStartObject();
                json.WriteNumber("id"u8, c.Id);
                json.WriteString("remote_endpoint"u8, c.RemoteEndPoint);
                json.WriteString("connected_at"u8, c.ConnectedAt);
                json.WriteBoolean("open"u8, c.Open);
                json.WriteNumber("subscribed_tokens"u8, c.SubscribedTokens);
                json.WriteNumber("frames_sent"u8, c.FramesSent);
                json.WriteNumber("bytes_sent"u8, c.BytesSent);
                json.WriteString("sha256"u8, c.Sha256);
                json.WriteNumber("client_frames_received"u8, c.ClientFramesReceived);
                json.WriteStartArray("recent_client_frames"u8);
                foreach (var frame in c.RecentClientFrames)
                {
                    json.WriteStringValue(frame);
                }

                json.WriteEndArray();
                if (c.CloseReason is null)
                {
                    json.WriteNull("close_reason"u8);
                }
                else
                {
                    json.WriteString("close_reason"u8, c.CloseReason);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
