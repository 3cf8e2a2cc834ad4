namespace Polytape.Stores.Model;

/// <summary>
/// The rows of a contiguous run of archive records, [<see cref="FirstSequence"/>, <see cref="LastSequence"/>].
/// A store writes a batch atomically together with its position, and replaces whatever it already holds for
/// that sequence range, so loading the same records twice gives the same rows.
/// </summary>
public sealed class RowBatch
{
    public RowBatch()
        : this(null)
    {
    }

    /// <summary>
    /// A batch whose row lists start at the sizes <paramref name="sizedLike"/> reached, plus an eighth: the next batch of
    /// a load is much like the last, so each list is allocated once instead of doubling its way up (every doubling
    /// copies, and lists past 85 KB go to the large-object heap, which only a full collection reclaims).
    /// </summary>
    public RowBatch(RowBatch? sizedLike)
    {
        Markets = new(Room(sizedLike?.Markets.Count));
        Outcomes = new(Room(sizedLike?.Outcomes.Count));
        Snapshots = new(Room(sizedLike?.Snapshots.Count));
        LevelChanges = new(Room(sizedLike?.LevelChanges.Count));
        TopOfBook = new(Room(sizedLike?.TopOfBook.Count));
        Trades = new(Room(sizedLike?.Trades.Count));
        TickSizeChanges = new(Room(sizedLike?.TickSizeChanges.Count));
        Lifecycle = new(Room(sizedLike?.Lifecycle.Count));
        Continuity = new(Room(sizedLike?.Continuity.Count));
    }

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>Earliest receive time (µs) of the records covered: rows are partitioned and retained by it.</summary>
    public long MinReceivedMicros { get; private set; } = long.MaxValue;

    /// <summary>Latest receive time (µs) of the records covered.</summary>
    public long MaxReceivedMicros { get; private set; } = long.MinValue;

    /// <summary>Archive records covered, including those that gave no rows (pings, subscriptions, notes).</summary>
    public int Records { get; private set; }

    public List<MarketRow> Markets { get; }

    public List<OutcomeRow> Outcomes { get; }

    public List<BookSnapshotRow> Snapshots { get; }

    public List<LevelChangeRow> LevelChanges { get; }

    public List<TopOfBookRow> TopOfBook { get; }

    public List<TradeRow> Trades { get; }

    public List<TickSizeChangeRow> TickSizeChanges { get; }

    public List<MarketLifecycleRow> Lifecycle { get; }

    public List<ContinuityRow> Continuity { get; }

    /// <summary>Rows as the stores count them: a snapshot counts its header and each level.</summary>
    public long RowCount
    {
        get
        {
            long levels = 0;
            foreach (var snapshot in Snapshots)
            {
                levels += snapshot.Bids.Length + snapshot.Asks.Length;
            }

            return Markets.Count + Outcomes.Count + Snapshots.Count + levels + LevelChanges.Count + TopOfBook.Count
                + Trades.Count + TickSizeChanges.Count + Lifecycle.Count + Continuity.Count;
        }
    }

    /// <summary>Marks a record as covered; sequences must increase.</summary>
    public void Cover(long sequence, long receivedAtMicros)
    {
        if (Records > 0 && sequence <= LastSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), $"sequence {sequence} is not above the batch's last {LastSequence}.");
        }

        FirstSequence = Records == 0 ? sequence : FirstSequence;
        LastSequence = sequence;
        MinReceivedMicros = Math.Min(MinReceivedMicros, receivedAtMicros);
        MaxReceivedMicros = Math.Max(MaxReceivedMicros, receivedAtMicros);
        Records++;
    }

    /// <summary>
    /// Empties the batch for reuse: no rows, no records covered, each list keeping its capacity (see
    /// <see cref="RowBatchSpares"/>). Only once whoever received the batch is done with it.
    /// </summary>
    public void Clear()
    {
        Markets.Clear();
        Outcomes.Clear();
        Snapshots.Clear();
        LevelChanges.Clear();
        TopOfBook.Clear();
        Trades.Clear();
        TickSizeChanges.Clear();
        Lifecycle.Clear();
        Continuity.Clear();
        FirstSequence = 0;
        LastSequence = 0;
        MinReceivedMicros = long.MaxValue;
        MaxReceivedMicros = long.MinValue;
        Records = 0;
    }

    private static int Room(int? count) => count is { } rows ? rows + (rows / 8) : 0;
}
