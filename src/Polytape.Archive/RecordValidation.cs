using System.Diagnostics.CodeAnalysis;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive;

/// <summary>Checks a record at append time, so that a bad record is the caller's error and never stops the writer loop.</summary>
internal static class RecordValidation
{
    public static void ThrowIfInvalid(in ArchiveRecord record)
    {
        if (!EnvelopeNames.IsKnownKind(record.Kind))
        {
            Throw($"Kind {record.Kind} is not an archive record kind.", nameof(record));
        }

        if (record.Payload.Length > ArchiveRecord.MaxPayloadBytes)
        {
            Throw($"The payload is {record.Payload.Length} bytes; the archive takes at most {ArchiveRecord.MaxPayloadBytes}.", nameof(record));
        }

        if (!IsLabel(record.Connection, allowEmpty: true))
        {
            Throw($"Connection '{record.Connection}' must be at most {ArchiveRecord.MaxLabelLength} printable ASCII characters.", nameof(record));
        }

        if (record.EventType is { } eventType && !IsLabel(eventType, allowEmpty: false))
        {
            Throw($"EventType '{eventType}' must be 1 to {ArchiveRecord.MaxLabelLength} printable ASCII characters.", nameof(record));
        }

        // Lone surrogates cannot be encoded as UTF-8; a URL or label has no need of any surrogate.
        if (record.Context is { } context
            && (context.Length > ArchiveRecord.MaxContextLength || context.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')))
        {
            Throw($"Context must be at most {ArchiveRecord.MaxContextLength} characters, without surrogates.", nameof(record));
        }
    }

    private static bool IsLabel(string value, bool allowEmpty) =>
        (allowEmpty || value.Length > 0)
        && value.Length <= ArchiveRecord.MaxLabelLength
        && !value.AsSpan().ContainsAnyExceptInRange(' ', '~');

    [DoesNotReturn]
    private static void Throw(string message, string parameterName) => throw new ArgumentException(message, parameterName);
}
