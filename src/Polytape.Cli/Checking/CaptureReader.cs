using System.IO.Compression;
using System.Text.Json;
using ZstdSharp;

namespace Polytape.Cli.Checking;

/// <summary>
/// Reads the frames of a capture file. Accepted shapes: JSON Lines with one WebSocket text frame per
/// line as received; a JSON array of strings, each a frame; or one JSON value (pretty-printed or not),
/// taken as one frame. ".gz" and ".zst" files are decompressed.
/// </summary>
public static class CaptureReader
{
    /// <summary>A frame and where it came from (1-based line, or element index for arrays of strings).</summary>
    public readonly record struct CapturedFrame(int Position, byte[] Bytes);

    /// <exception cref="CaptureUnreadableException">The file cannot be opened or decompressed.</exception>
    public static IReadOnlyList<CapturedFrame> Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                content = Decompress(new GZipStream(new MemoryStream(content), CompressionMode.Decompress));
            }
            else if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
            {
                content = Decompress(new DecompressionStream(new MemoryStream(content)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ZstdException)
        {
            throw new CaptureUnreadableException($"cannot read capture '{path}': {ex.Message}", ex);
        }

        return TryReadSingleValue(content) ?? ReadLines(content);
    }

    private static byte[] Decompress(Stream decompressing)
    {
        using (decompressing)
        {
            using var output = new MemoryStream();
            decompressing.CopyTo(output);
            return output.ToArray();
        }
    }

    private static List<CapturedFrame>? TryReadSingleValue(byte[] content)
    {
        var trimmed = content.AsSpan().TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] is not ((byte)'{' or (byte)'['))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(content);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var strings = reader.TokenType == JsonTokenType.StartArray ? new List<CapturedFrame>() : null;
            var index = 0;
            if (strings is not null)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        strings = null;
                        reader.Skip();
                        continue;
                    }

                    strings?.Add(new CapturedFrame(++index, System.Text.Encoding.UTF8.GetBytes(reader.GetString()!)));
                }
            }
            else
            {
                reader.Skip();
            }

            var end = (int)reader.BytesConsumed;
            if (reader.Read())
            {
                return null; // more than one value: JSON Lines
            }

            return strings is { Count: > 0 } ? strings : [new CapturedFrame(1, content[start..end])];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<CapturedFrame> ReadLines(byte[] content)
    {
        var frames = new List<CapturedFrame>();
        var line = 0;
        var rest = content.AsSpan();
        while (!rest.IsEmpty)
        {
            line++;
            var newline = rest.IndexOf((byte)'\n');
            var current = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? default : rest[(newline + 1)..];
            if (!current.IsEmpty && current[^1] == (byte)'\r')
            {
                current = current[..^1];
            }

            if (!current.Trim(" \t"u8).IsEmpty)
            {
                frames.Add(new CapturedFrame(line, current.ToArray()));
            }
        }

        return frames;
    }
}
