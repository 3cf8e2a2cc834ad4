namespace Polytape.Stores.Model;

/// <summary>
/// Where a row came from: the archive record's global sequence and the event's index within that record, so
/// (sequence, index) is unique per table and a reload of the same records gives the same keys. Every row also
/// carries our receive time (µs) and, where the venue sent one, the exchange time (ms; -1 when absent).
/// </summary>
public readonly record struct RowKey(long Sequence, int Index, long ReceivedAtMicros, long ExchangeTimeMs);
