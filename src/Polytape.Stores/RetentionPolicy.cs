using Polytape.Stores.Schema;

namespace Polytape.Stores;

/// <summary>
/// How long each kind of row is kept, by receive time. Null keeps forever. Defaults follow the seed design: level
/// changes 30 days, snapshots and trades 90 days; catalog, lifecycle, continuity and aggregates are kept.
/// </summary>
public sealed class RetentionPolicy
{
    public static RetentionPolicy Default { get; } = new();

    /// <summary>Keeps everything.</summary>
    public static RetentionPolicy KeepAll { get; } = new() { LevelChanges = null, Snapshots = null, Trades = null, TopOfBook = null };

    public TimeSpan? LevelChanges { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan? Snapshots { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan? Trades { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan? TopOfBook { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan? PeriodOf(RetentionClass retention) => retention switch
    {
        RetentionClass.LevelChanges => LevelChanges,
        RetentionClass.Snapshots => Snapshots,
        RetentionClass.Trades => Trades,
        RetentionClass.TopOfBook => TopOfBook,
        _ => null,
    };

    /// <summary>Receive-time cutoff in µs for a table (rows received before it go), or null to keep it whole.</summary>
    public long? CutoffMicros(Table table, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(table);
        return PeriodOf(table.Retention) is { } period ? (now - period).ToUnixTimeMilliseconds() * 1000 : null;
    }
}
