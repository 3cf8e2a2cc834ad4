namespace Polytape.Archive;

/// <summary>Which records to read: sequence bounds inclusive, time window [Since, Until). Unset bounds are open.</summary>
public sealed class ArchiveRange
{
    public static ArchiveRange All { get; } = new();

    public long? FromSequence { get; init; }

    public long? ToSequence { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    internal bool Contains(in ArchiveRecord record) =>
        (FromSequence is not { } from || record.Sequence >= from)
        && (ToSequence is not { } to || record.Sequence <= to)
        && (Since is not { } since || record.ReceivedAtMicros >= ArchiveRecord.ToMicros(since))
        && (Until is not { } until || record.ReceivedAtMicros < ArchiveRecord.ToMicros(until));

    /// <summary>False when a sealed file's manifest shows none of its sequences can match.</summary>
    internal bool Overlaps(ArchiveManifest manifest) =>
        (FromSequence is not { } from || manifest.LastSequence >= from)
        && (ToSequence is not { } to || manifest.FirstSequence <= to);
}
