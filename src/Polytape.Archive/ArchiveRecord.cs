namespace Polytape.Archive;

/// <summary>
/// One entry of the raw archive: an envelope (sequence, receive time, connection, kind) around exact payload bytes.
/// On append the writer copies <see cref="Payload"/> before <c>AppendAsync</c> returns, so the caller keeps
/// ownership of its buffer; records read back own fresh arrays.
/// </summary>
public readonly struct ArchiveRecord
{
    /// <summary>The event-type label that marks a payload whose shape the parser did not recognise.</summary>
    public const string UnknownEventType = "unknown";

    /// <summary>Below <see cref="System.Text.Json.Utf8JsonWriter"/>'s 166 MB token limit; a REST body is a few MB at most.</summary>
    public const int MaxPayloadBytes = 128 * 1024 * 1024;

    /// <summary>Connection ids and event-type labels are short printable ASCII names.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Room for a REST URL with its query; context is a hint, not a second payload.</summary>
    public const int MaxContextLength = 2048;

    private readonly string? _connection;

    /// <summary>Global sequence number, assigned by the writer (ignored on append); strictly increasing across the archive.</summary>
    public long Sequence { get; init; }

    /// <summary>Receive time in UTC microseconds since the Unix epoch; 0 on append means "stamp it now".</summary>
    public long ReceivedAtMicros { get; init; }

    public ArchiveRecordKind Kind { get; init; }

    /// <summary>Connection id; empty for records that belong to no connection.</summary>
    public string Connection
    {
        get => _connection ?? string.Empty;
        init => _connection = value;
    }

    /// <summary>Connection epoch: how many times that connection has (re)connected.</summary>
    public int Epoch { get; init; }

    /// <summary>Sequence of this frame within its connection epoch.</summary>
    public long ConnectionSequence { get; init; }

    /// <summary>Short event-type label chosen by the caller ("book", "price_change", <see cref="UnknownEventType"/>); counted in manifests.</summary>
    public string? EventType { get; init; }

    /// <summary>Optional small context, such as the REST URL.</summary>
    public string? Context { get; init; }

    /// <summary>The exact bytes received.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    public DateTimeOffset ReceivedAt => DateTimeOffset.UnixEpoch.AddTicks(ReceivedAtMicros * TimeSpan.TicksPerMicrosecond);

    public static long ToMicros(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
