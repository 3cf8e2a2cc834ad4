using System.Runtime.InteropServices;
using Polytape.Archive.Envelopes;

namespace Polytape.Archive.Files;

/// <summary>Running totals for one file's manifest; adding a record allocates only for a label seen for the first time.</summary>
internal sealed class ManifestBuilder
{
    private readonly long[] _kinds = new long[(int)ArchiveRecordKind.Note + 1];
    private readonly Dictionary<string, long> _eventTypes = new(StringComparer.Ordinal);
    private long _firstReceivedAt;
    private long _lastReceivedAt;
    private long _unknownShapes;

    public long Records { get; private set; }

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    public void Add(long sequence, in ArchiveRecord record)
    {
        if (Records == 0)
        {
            FirstSequence = sequence;
            _firstReceivedAt = record.ReceivedAtMicros;
        }

        Records++;
        LastSequence = sequence;
        _lastReceivedAt = record.ReceivedAtMicros;
        _kinds[(int)record.Kind]++;
        if (record.EventType is { } eventType)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_eventTypes, eventType, out _)++;
            if (eventType == ArchiveRecord.UnknownEventType)
            {
                _unknownShapes++;
            }
        }
    }

    public ArchiveManifest Build(string fileName, string sha256, long bytes, bool recovered)
    {
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var kind = ArchiveRecordKind.Ws; kind <= ArchiveRecordKind.Note; kind++)
        {
            if (_kinds[(int)kind] > 0)
            {
                kinds[EnvelopeNames.KindName(kind)] = _kinds[(int)kind];
            }
        }

        return new ArchiveManifest
        {
            FileName = fileName,
            Sha256 = sha256,
            Bytes = bytes,
            Records = Records,
            FirstSequence = FirstSequence,
            LastSequence = LastSequence,
            FirstReceivedAtMicros = _firstReceivedAt,
            LastReceivedAtMicros = _lastReceivedAt,
            CountsByKind = kinds,
            CountsByEventType = new SortedDictionary<string, long>(_eventTypes, StringComparer.Ordinal),
            UnknownShapes = _unknownShapes,
            Recovered = recovered,
        };
    }
}
