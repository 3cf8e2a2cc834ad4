using System.Text.Json;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// A client frame on the market channel (protocol §2.1–2.2): the opening {"type":"market",…} or an
/// {"operation":…} update. Unknown keys are ignored, as live; <c>level</c> is accepted and ignored.
/// </summary>
internal sealed record ClientRequest(ClientRequestKind Kind, IReadOnlyList<string> AssetIds, bool InitialDump, bool? CustomFeatures)
{
    /// <summary>Reads a client frame; false for anything the venue answers with INVALID OPERATION.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out ClientRequest request)
    {
        request = null!;
        try
        {
            return TryRead(json, out request);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong JSON type (Utf8JsonReader.GetString on a number, …).
            return false;
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> json, out ClientRequest request)
    {
        request = null!;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? type = null;
        string? operation = null;
        List<string>? ids = null;
        var initialDump = true;
        bool? custom = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("assets_ids"u8))
            {
                ids = ReadIds(ref reader);
                if (ids is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                operation = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("initial_dump"u8))
            {
                reader.Read();
                initialDump = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("custom_feature_enabled"u8))
            {
                reader.Read();
                custom = reader.GetBoolean();
            }
            else
            {
                // level, markets (py-clob-client sends it on the market channel) and anything new.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || ids is null)
        {
            return false;
        }

        ClientRequestKind kind;
        if (operation is not null)
        {
            if (string.Equals(operation, "subscribe", StringComparison.OrdinalIgnoreCase))
            {
                kind = ClientRequestKind.Subscribe;
            }
            else if (string.Equals(operation, "unsubscribe", StringComparison.OrdinalIgnoreCase))
            {
                kind = ClientRequestKind.Unsubscribe;
            }
            else
            {
                return false;
            }
        }
        else if (string.Equals(type, "market", StringComparison.OrdinalIgnoreCase))
        {
            kind = ClientRequestKind.Market;
        }
        else
        {
            return false;
        }

        request = new ClientRequest(kind, ids, initialDump, custom);
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString();
    }

    private static List<string>? ReadIds(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            ids.Add(reader.GetString()!);
        }

        return ids;
    }
}
