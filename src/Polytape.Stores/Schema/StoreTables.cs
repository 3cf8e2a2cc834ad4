using Polytape.Domain.Books;
using Polytape.Stores.Model;

namespace Polytape.Stores.Schema;

/// <summary>
/// The normalised tables, shared by every backend (each maps <see cref="ColumnType"/> to its own types). Every table
/// starts with sequence, idx and received_us, so a sequence range can be replaced and retention can cut by time.
/// </summary>
public static class StoreTables
{
    public const string Sequence = "sequence";
    public const string Index = "idx";
    public const string ReceivedMicros = "received_us";

    public static Table Markets { get; } = new()
    {
        Name = "markets",
        Columns = Columns(
            ("condition_id", ColumnType.Text), ("slug", ColumnType.NullableText), ("question", ColumnType.NullableText),
            ("tick_size", ColumnType.Price), ("min_order_size", ColumnType.Size), ("neg_risk", ColumnType.Flag),
            ("end_date", ColumnType.NullableText)),
        Key = [Sequence, Index],
        AssetColumn = null,
        Count = batch => batch.Markets.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Markets)
            {
                Begin(sink, row.Key);
                sink.Text(row.ConditionId);
                sink.NullableText(row.Slug);
                sink.NullableText(row.Question);
                sink.Price(row.TickSize);
                sink.Size(row.MinOrderSize);
                sink.Flag(row.NegRisk);
                sink.NullableText(row.EndDate);
                sink.EndRow();
            }
        },
    };

    public static Table Outcomes { get; } = new()
    {
        Name = "outcomes",
        Columns = Columns(
            ("outcome_index", ColumnType.Int32), ("condition_id", ColumnType.Text), ("asset_id", ColumnType.Text),
            ("outcome", ColumnType.NullableText)),
        Key = [Sequence, Index, "outcome_index"],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Count = batch => batch.Outcomes.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Outcomes)
            {
                Begin(sink, row.Key);
                sink.Int32(row.OutcomeIndex);
                sink.Text(row.ConditionId);
                sink.Text(row.AssetId);
                sink.NullableText(row.Outcome);
                sink.EndRow();
            }
        },
    };

    public static Table BookSnapshots { get; } = new()
    {
        Name = "book_snapshots",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("market", ColumnType.Text), ("asset_id", ColumnType.Text),
            ("source", ColumnType.Label), ("hash", ColumnType.Hash), ("tick_size", ColumnType.Price),
            ("bid_levels", ColumnType.Int32), ("ask_levels", ColumnType.Int32)),
        Key = [Sequence, Index],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Retention = RetentionClass.Snapshots,
        Count = batch => batch.Snapshots.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Snapshots)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.Market);
                sink.Text(row.AssetId);
                sink.Label(row.Source == BookSource.Rest ? "rest" : "ws");
                sink.NullableHash(row.HasHash, row.Hash);
                sink.Price(row.TickSize);
                sink.Int32(row.Bids.Length);
                sink.Int32(row.Asks.Length);
                sink.EndRow();
            }
        },
    };

    /// <summary>One row per level of each snapshot; level 0 is the best price of its side.</summary>
    public static Table BookLevels { get; } = new()
    {
        Name = "book_levels",
        Columns = Columns(
            ("side", ColumnType.Label), ("level", ColumnType.Int32), ("asset_id", ColumnType.Text),
            ("price", ColumnType.Price), ("size", ColumnType.Size)),
        Key = [Sequence, Index, "side", "level"],
        AssetColumn = "asset_id",
        Retention = RetentionClass.Snapshots,
        Count = batch => batch.Snapshots.Sum(snapshot => snapshot.Bids.Length + snapshot.Asks.Length),
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Snapshots)
            {
                // Asks first: rows in key order (side 'ask' < 'bid', then level), which sorting stores can use.
                WriteLevels(sink, row, row.Asks, "ask");
                WriteLevels(sink, row, row.Bids, "bid");
            }
        },
    };

    public static Table LevelChanges { get; } = new()
    {
        Name = "level_changes",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("market", ColumnType.Text), ("asset_id", ColumnType.Text),
            ("side", ColumnType.Label), ("price", ColumnType.Price), ("size", ColumnType.Size),
            ("best_bid", ColumnType.Price), ("best_ask", ColumnType.Price), ("hash", ColumnType.Hash)),
        Key = [Sequence, Index],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Retention = RetentionClass.LevelChanges,
        Count = batch => batch.LevelChanges.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.LevelChanges)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.Market);
                sink.Text(row.AssetId);
                sink.Label(SideLabel(row.Side));
                sink.Price(row.Price);
                sink.Size(row.Size);
                sink.Price(row.BestBid);
                sink.Price(row.BestAsk);
                sink.NullableHash(row.HasHash, row.Hash);
                sink.EndRow();
            }
        },
    };

    public static Table TopOfBook { get; } = new()
    {
        Name = "top_of_book",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("asset_id", ColumnType.Text), ("best_bid", ColumnType.Price),
            ("best_ask", ColumnType.Price), ("source", ColumnType.Label)),
        Key = [Sequence, Index],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Retention = RetentionClass.TopOfBook,
        Count = batch => batch.TopOfBook.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.TopOfBook)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.AssetId);
                sink.Price(row.BestBid);
                sink.Price(row.BestAsk);
                sink.Label(row.Source switch
                {
                    TopOfBookSource.Book => "book",
                    TopOfBookSource.PriceChange => "price_change",
                    _ => "best_bid_ask",
                });
                sink.EndRow();
            }
        },
    };

    public static Table Trades { get; } = new()
    {
        Name = "trades",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("market", ColumnType.Text), ("asset_id", ColumnType.Text),
            ("price", ColumnType.Price), ("size", ColumnType.Size), ("taker_side", ColumnType.Label),
            ("fee_rate_bps", ColumnType.NullableInt32), ("transaction_hash", ColumnType.NullableText)),
        Key = [Sequence, Index],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Retention = RetentionClass.Trades,
        Count = batch => batch.Trades.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Trades)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.Market);
                sink.Text(row.AssetId);
                sink.Price(row.Price);
                sink.Size(row.Size);
                sink.Label(row.TakerSide == Side.Bid ? "buy" : "sell");
                sink.NullableInt32(row.FeeRateBps < 0 ? null : row.FeeRateBps);
                sink.NullableText(row.TransactionHash);
                sink.EndRow();
            }
        },
    };

    public static Table TickSizeChanges { get; } = new()
    {
        Name = "tick_size_changes",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("market", ColumnType.Text), ("asset_id", ColumnType.Text),
            ("old_tick_size", ColumnType.Price), ("new_tick_size", ColumnType.Price)),
        Key = [Sequence, Index],
        AssetColumn = "asset_id",
        Count = batch => batch.TickSizeChanges.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.TickSizeChanges)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.Market);
                sink.Text(row.AssetId);
                sink.Price(row.OldTickSize);
                sink.Price(row.NewTickSize);
                sink.EndRow();
            }
        },
    };

    public static Table MarketLifecycle { get; } = new()
    {
        Name = "market_lifecycle",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("event", ColumnType.Label), ("market_id", ColumnType.NullableText),
            ("market", ColumnType.Text), ("asset_ids", ColumnType.Text), ("winning_asset_id", ColumnType.NullableText)),
        Key = [Sequence, Index],
        AssetColumn = null,
        Count = batch => batch.Lifecycle.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Lifecycle)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Label(row.Event switch
                {
                    MarketLifecycleEvent.Resolved => "resolved",
                    MarketLifecycleEvent.Removed => "removed",
                    _ => "new",
                });
                sink.NullableText(row.MarketId);
                sink.Text(row.Market);
                sink.Text(row.AssetIds);
                sink.NullableText(row.WinningAssetId);
                sink.EndRow();
            }
        },
    };

    public static Table Continuity { get; } = new()
    {
        Name = "continuity",
        Columns = Columns(
            ("exchange_ms", ColumnType.ExchangeTime), ("asset_id", ColumnType.Text), ("from_state", ColumnType.NullableText),
            ("to_state", ColumnType.NullableText), ("cause", ColumnType.NullableText), ("epoch", ColumnType.NullableInt32)),
        Key = [Sequence, Index],
        AssetIndex = ["asset_id", Sequence],
        AssetColumn = "asset_id",
        Count = batch => batch.Continuity.Count,
        Write = static (batch, sink) =>
        {
            foreach (var row in batch.Continuity)
            {
                Begin(sink, row.Key);
                sink.ExchangeTime(row.Key.ExchangeTimeMs);
                sink.Text(row.AssetId);
                sink.NullableText(row.FromState);
                sink.NullableText(row.ToState);
                sink.NullableText(row.Cause);
                sink.NullableInt32(row.Epoch);
                sink.EndRow();
            }
        },
    };

    public static IReadOnlyList<Table> All { get; } =
    [
        Markets, Outcomes, BookSnapshots, BookLevels, LevelChanges, TopOfBook, Trades, TickSizeChanges, MarketLifecycle, Continuity,
    ];

    public static string SideLabel(Side side) => side == Side.Bid ? "bid" : "ask";

    private static void WriteLevels(IRowSink sink, BookSnapshotRow row, BookLevel[] levels, string side)
    {
        // Levels arrive in wire order, best last; level 0 is stored as the best.
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            sink.BeginRow();
            sink.Int64(row.Key.Sequence);
            sink.Int32(row.Key.Index);
            sink.Int64(row.Key.ReceivedAtMicros);
            sink.Label(side);
            sink.Int32(levels.Length - 1 - i);
            sink.Text(row.AssetId);
            sink.Price(levels[i].Price);
            sink.Size(levels[i].Size);
            sink.EndRow();
        }
    }

    private static void Begin(IRowSink sink, RowKey key)
    {
        sink.BeginRow();
        sink.Int64(key.Sequence);
        sink.Int32(key.Index);
        sink.Int64(key.ReceivedAtMicros);
    }

    private static Column[] Columns(params (string Name, ColumnType Type)[] rest) =>
    [
        new(Sequence, ColumnType.Int64), new(Index, ColumnType.Int32), new(ReceivedMicros, ColumnType.Int64),
        .. rest.Select(column => new Column(column.Name, column.Type)),
    ];
}
