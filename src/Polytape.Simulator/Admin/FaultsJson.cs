using System.Collections.Immutable;
using System.Text.Json;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Admin;

/// <summary>Faults as snake_case JSON, written and partially updated by hand (no reflection: the project is AOT-friendly).</summary>
public static class FaultsJson
{
    public static byte[] Write(SimulatorFaults f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("hash_ahead_of_trade", f.HashAheadOfTrade);
            json.WriteNumber("duplicate_probability", f.DuplicateProbability);
            json.WriteNumber("crossed_book_probability", f.CrossedBookProbability);
            json.WriteNumber("malformed_probability", f.MalformedProbability);
            json.WriteNumber("unknown_event_probability", f.UnknownEventProbability);
            json.WriteNumber("unknown_field_probability", f.UnknownFieldProbability);
            json.WriteNumber("disconnect_after_frames", f.DisconnectAfterFrames);
            if (f.DisconnectCloseCode is { } code)
            {
                json.WriteNumber("disconnect_close_code", code);
            }
            else
            {
                json.WriteNull("disconnect_close_code");
            }

            json.WriteBoolean("silent_stall", f.SilentStall);
            json.WriteStartArray("silent_assets");
            foreach (var asset in f.SilentAssets.Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(asset);
            }

            json.WriteEndArray();
            json.WriteNumber("max_delivered_assets_per_connection", f.MaxDeliveredAssetsPerConnection);
            json.WriteNumber("max_ids_per_subscribe_frame", f.MaxIdsPerSubscribeFrame);
            json.WriteNumber("handshakes_per_second", f.HandshakesPerSecond);
            json.WriteNumber("idle_timeout_seconds", f.IdleTimeout.TotalSeconds);
            json.WriteNumber("rest_server_error_probability", f.RestServerErrorProbability);
            json.WriteBoolean("ghost_rest_book", f.GhostRestBook);
            json.WriteBoolean("enforce_rate_limits", f.EnforceRateLimits);
            json.WriteNumber("hydration_delay_seconds", f.HydrationDelay.TotalSeconds);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Applies the properties present; returns an error naming the first bad one, or null.</summary>
    public static string? Apply(JsonElement update, SimulatorFaults f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (update.ValueKind != JsonValueKind.Object)
        {
            return "expected a JSON object of fault settings";
        }

        foreach (var property in update.EnumerateObject())
        {
            try
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "hash_ahead_of_trade": f.HashAheadOfTrade = value.GetBoolean(); break;
                    case "duplicate_probability": f.DuplicateProbability = Probability(value); break;
                    case "crossed_book_probability": f.CrossedBookProbability = Probability(value); break;
                    case "malformed_probability": f.MalformedProbability = Probability(value); break;
                    case "unknown_event_probability": f.UnknownEventProbability = Probability(value); break;
                    case "unknown_field_probability": f.UnknownFieldProbability = Probability(value); break;
                    case "disconnect_after_frames": f.DisconnectAfterFrames = NonNegative(value); break;
                    case "disconnect_close_code": f.DisconnectCloseCode = value.ValueKind == JsonValueKind.Null ? null : value.GetInt32(); break;
                    case "silent_stall": f.SilentStall = value.GetBoolean(); break;
                    case "silent_assets": f.SilentAssets = value.EnumerateArray().Select(v => v.GetString()!).ToImmutableHashSet(StringComparer.Ordinal); break;
                    case "max_delivered_assets_per_connection": f.MaxDeliveredAssetsPerConnection = NonNegative(value); break;
                    case "max_ids_per_subscribe_frame": f.MaxIdsPerSubscribeFrame = NonNegative(value); break;
                    case "handshakes_per_second": f.HandshakesPerSecond = NonNegative(value); break;
                    case "idle_timeout_seconds": f.IdleTimeout = TimeSpan.FromSeconds(value.GetDouble()); break;
                    case "rest_server_error_probability": f.RestServerErrorProbability = Probability(value); break;
                    case "ghost_rest_book": f.GhostRestBook = value.GetBoolean(); break;
                    case "enforce_rate_limits": f.EnforceRateLimits = value.GetBoolean(); break;
                    case "hydration_delay_seconds": f.HydrationDelay = TimeSpan.FromSeconds(value.GetDouble()); break;
                    default: return $"unknown fault '{property.Name}'";
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentOutOfRangeException)
            {
                return $"fault '{property.Name}': {ex.Message}";
            }
        }

        return null;
    }

    private static double Probability(JsonElement value)
    {
        var p = value.GetDouble();
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        return p;
    }

    private static int NonNegative(JsonElement value)
    {
        var n = value.GetInt32();
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return n;
    }
}
