namespace Polytape.Stores.Model;

/// <summary>
/// Written batches handed back to be filled again. A batch's row lists reach megabytes at 20,000 records, so they live
/// on the large-object heap, which only a full collection reclaims; allocating, zeroing and faulting in fresh ones for
/// every batch was ~90 % of the bytes reading allocated. The writer returns a batch once the store is done with it (a
/// store must not keep a batch's lists after its write returns); the reader rents one. Holds at most
/// <c>capacity</c> batches, so a burst's high-water mark is kept, not accumulated. Thread-safe.
/// </summary>
public sealed class RowBatchSpares(int capacity = 2)
{
    private readonly Lock _gate = new();
    private readonly Stack<RowBatch> _spares = new();

    /// <summary>Batches waiting to be reused.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spares.Count;
            }
        }
    }

    /// <summary>An empty batch: a returned one when there is one, else a new one sized like <paramref name="sizedLike"/>.</summary>
    public RowBatch Rent(RowBatch? sizedLike = null)
    {
        lock (_gate)
        {
            if (_spares.TryPop(out var spare))
            {
                return spare;
            }
        }

        return new RowBatch(sizedLike);
    }

    /// <summary>Empties <paramref name="batch"/> and keeps it for <see cref="Rent"/>, unless enough are kept already.</summary>
    public void Return(RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            if (_spares.Count < capacity && !_spares.Contains(batch))
            {
                batch.Clear();
                _spares.Push(batch);
            }
        }
    }
}
