namespace Polytape.Stores.Loading;

/// <summary>What an offline load did.</summary>
public sealed record LoadResult(long Records, long Rows, long Batches, long FirstSequence, long LastSequence, long Position, long RetentionDeleted, TimeSpan Elapsed);
