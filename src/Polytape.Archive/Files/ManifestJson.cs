using System.Buffers;
using System.Text.Json;

namespace Polytape.Archive.Files;

/// <summary>Writes and reads manifests by hand (no reflection, AOT-safe); field names are snake_case like the envelopes.</summary>
internal static class ManifestJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Writes to a temporary name, fsyncs, then renames: a manifest is either whole or absent.</summary>
    public static void Write(string path, ArchiveManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(json, manifest);
        }

        var temporary = path + ArchiveFileNames.TemporarySuffix;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(buffer.WrittenSpan);
            file.Write("\n"u8);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static ArchiveManifest Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new ArchiveManifest
            {
                FormatVersion = root.GetProperty("format_version").GetInt32(),
                FileName = root.GetProperty("file").GetString() ?? throw new FormatException("file is null"),
                Sha256 = root.GetProperty("sha256").GetString() ?? throw new FormatException("sha256 is null"),
                Bytes = root.GetProperty("bytes").GetInt64(),
                Records = root.GetProperty("records").GetInt64(),
                FirstSequence = root.GetProperty("first_seq").GetInt64(),
                LastSequence = root.GetProperty("last_seq").GetInt64(),
                FirstReceivedAtMicros = root.GetProperty("first_recv_us").GetInt64(),
                LastReceivedAtMicros = root.GetProperty("last_recv_us").GetInt64(),
                CountsByKind = ReadCounts(root.GetProperty("counts_by_kind")),
                CountsByEventType = ReadCounts(root.GetProperty("counts_by_event_type")),
                UnknownShapes = root.GetProperty("unknown_shapes").GetInt64(),
                Recovered = root.GetProperty("recovered").GetBoolean(),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArchiveException($"manifest {path} is unreadable: {e.Message}; delete it and restart the writer to rebuild it from its file.", e);
        }
    }

    private static void WriteTo(Utf8JsonWriter json, ArchiveManifest manifest)
    {
        json.WriteStartObject();
        json.WriteNumber("format_version"u8, manifest.FormatVersion);
        json.WriteString("file"u8, manifest.FileName);
        json.WriteString("sha256"u8, manifest.Sha256);
        json.WriteNumber("bytes"u8, manifest.Bytes);
        json.WriteNumber("records"u8, manifest.Records);
        json.WriteNumber("first_seq"u8, manifest.FirstSequence);
        json.WriteNumber("last_seq"u8, manifest.LastSequence);
        json.WriteNumber("first_recv_us"u8, manifest.FirstReceivedAtMicros);
        json.WriteNumber("last_recv_us"u8, manifest.LastReceivedAtMicros);
        WriteCounts(json, "counts_by_kind"u8, manifest.CountsByKind);
        WriteCounts(json, "counts_by_event_type"u8, manifest.CountsByEventType);
        json.WriteNumber("unknown_shapes"u8, manifest.UnknownShapes);
        json.WriteBoolean("recovered"u8, manifest.Recovered);
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static SortedDictionary<string, long> ReadCounts(JsonElement element)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            counts[property.Name] = property.Value.GetInt64();
        }

        return counts;
    }
}
