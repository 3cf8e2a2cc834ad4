using System.Globalization;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// ClickHouse over its HTTP interface with RowBinary inserts: one INSERT per table per batch, all in flight
/// together, then the first-time trades and top-of-book rows into their feeds (both at once), whose views fill the
/// aggregates and the two tables, then the position. ClickHouse has no transactions, so each step is idempotent on
/// its own: rows collapse by key (ReplacingMergeTree), the feeds only see rows above the stored position, and the
/// position only rises. A failure or crash once a feed's views have taken its rows and before the position rose (a
/// feed failing in a later view, the other feed or the position insert failing) counts that batch's trades or spreads
/// twice in the aggregates when the batch is retried; the rows themselves stay exact, as a retried feed fills its
/// table again. Retention drops whole day partitions.
/// </summary>
public sealed partial class ClickHouseStore : IStore
{
    private readonly ClickHouseConnection _connection;
    /// <summary>One RowBinary buffer per table (then two for partial feeds), so all inserts of a batch can be in flight together.</summary>
    private readonly RowBinaryWriter[] _writers;
    private readonly ClickHouseRowSink[] _sinks;
    /// <summary>Rows of a table with an asset column are written here first, then copied into their slot in asset order.</summary>
    private readonly RowBinaryWriter _unsorted = new();
    private readonly ClickHouseRowSink _unsortedSink;
    private readonly AssetOrder _order = new();
    private readonly IdKeys _keys = new();
    private readonly Func<string, ulong> _keyOf;
    private readonly RowBinaryWriter _ids = new();

    public ClickHouseStore(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        _connection = new ClickHouseConnection(target);
        _writers = [.. Enumerable.Range(0, StoreTables.All.Count + 2).Select(_ => new RowBinaryWriter())];
        _sinks = [.. _writers.Select(writer => new ClickHouseRowSink(writer, _keys))];
        _unsortedSink = new ClickHouseRowSink(_unsorted, _keys);
        _keyOf = _keys.KeyOf;
        Description = $"clickhouse://{_connection.User}@{_connection.Where}";
    }

    public StoreKind Kind => StoreKind.ClickHouse;

    public string Description { get; }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await _connection.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {_connection.Database}", cancellationToken, inDatabase: false).ConfigureAwait(false);
        await _connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version UInt32) ENGINE = MergeTree() ORDER BY version", cancellationToken).ConfigureAwait(false);
        var version = int.Parse(
            (await _connection.ExecuteAsync("SELECT toUInt32(max(version)) FROM schema_version", cancellationToken).ConfigureAwait(false)).Trim(),
            CultureInfo.InvariantCulture);
        if (version > ClickHouseSchema.Version)
        {
            throw new StoreException(
                $"{Description} has schema version {version}, newer than this polytape understands ({ClickHouseSchema.Version}): upgrade polytape or use another database.")
            { IsTransient = false };
        }

        // DDL is not transactional here: every statement is IF NOT EXISTS, and version 3's rebuild checks each step,
        // so an interrupted migration reruns cleanly.
        for (; version < ClickHouseSchema.Version; version++)
        {
            if (version < ClickHouseSchema.Migrations.Count)
            {
                foreach (var statement in ClickHouseSchema.Migrations[version])
                {
                    await _connection.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await ClickHouseKeysMigration.RunAsync(_connection, cancellationToken).ConfigureAwait(false);
            }

            await _connection.ExecuteAsync($"INSERT INTO schema_version VALUES ({version + 1})", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> GetPositionAsync(CancellationToken cancellationToken = default) =>
        long.Parse(
            (await _connection.ExecuteAsync("SELECT max(sequence) FROM load_position", cancellationToken).ConfigureAwait(false)).Trim(),
            CultureInfo.InvariantCulture);

    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Records == 0)
        {
            return;
        }

        var position = await GetPositionAsync(cancellationToken).ConfigureAwait(false);
        // Rows above the position are new: trades and top of book go to the feeds, whose views add them to the bars
        // and (schema version 2) to their tables. When the whole batch is new those tables get nothing else.
        var fresh = batch.LastSequence <= position ? null : batch.FirstSequence > position ? batch : RowsAbove(batch, position);
        var allFresh = ReferenceEquals(fresh, batch);
        var inserts = new List<Task>(StoreTables.All.Count);
        for (var i = 0; i < StoreTables.All.Count; i++)
        {
            var table = StoreTables.All[i];
            if (table.Count(batch) > 0 && !(allFresh && IsFed(table)))
            {
                inserts.Add(_connection.InsertAsync(ClickHouseSchema.Insert(table.Name), Serialise(i, table, batch), cancellationToken));
            }
        }

        // The feeds' bodies are built while the tables' inserts are in flight.
        var tradesFeed = fresh is null ? default : FeedBody(StoreTables.Trades, fresh, allFresh);
        var topOfBookFeed = fresh is null ? default : FeedBody(StoreTables.TopOfBook, fresh, allFresh);

        // Ids first seen in this batch (any table's, the feeds' too) go to the ids table with the tables' rows; it
        // dedups by key, so ids sent again after a failure do no harm.
        var newIds = _keys.Pending.Count;
        if (newIds > 0)
        {
            inserts.Add(_connection.InsertAsync(ClickHouseSchema.InsertIds, SerialiseIds(), cancellationToken));
        }

        // Every table at once: the server parses and merges them on all its cores while the others are in flight.
        // Rows collapse by key, so a batch retried after one insert failed leaves no duplicates.
        await Task.WhenAll(inserts).ConfigureAwait(false);
        _keys.Sent(newIds);
        if (fresh is not null)
        {
            // The feeds only after every table succeeded: a feed sent and then retried with its batch would count
            // its trades twice in the bars.
            await Task.WhenAll(
                Feed(ClickHouseSchema.TradesFeed, tradesFeed, cancellationToken),
                Feed(ClickHouseSchema.TopOfBookFeed, topOfBookFeed, cancellationToken)).ConfigureAwait(false);
            await _connection.ExecuteAsync(
                string.Create(CultureInfo.InvariantCulture, $"INSERT INTO load_position VALUES (1, {batch.LastSequence})"), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var dropped = 0;
        foreach (var table in StoreTables.All)
        {
            if (policy.CutoffMicros(table, now) is not { } cutoff)
            {
                continue;
            }

            var partitions = await _connection.ExecuteAsync(
                $"SELECT DISTINCT partition FROM system.parts WHERE database = '{_connection.Database}' AND table = '{table.Name}' AND active",
                cancellationToken).ConfigureAwait(false);
            foreach (var partition in partitions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (DateTimeOffset.TryParseExact(partition, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                    && (day.AddDays(1) - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond <= cutoff)
                {
                    await _connection.ExecuteAsync($"ALTER TABLE {table.Name} DROP PARTITION {partition}", cancellationToken).ConfigureAwait(false);
                    dropped++;
                }
            }
        }

        // Whole day partitions are dropped, not counted row by row.
        return dropped == 0 ? 0 : -1;
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The table's rows of the batch as one RowBinary body, in the table's own reusable buffer: in asset order when the
    /// table has an asset column, so that the server need not sort the block (<see cref="AssetOrder"/>).
    /// </summary>
    private ReadOnlyMemory<byte> Serialise(int slot, Table table, RowBatch batch)
    {
        var writer = _writers[slot];
        writer.Reset();
        _order.Reset();
        if (_unsortedSink.Begin(table, _order))
        {
            _unsorted.Reset();
            table.Write(batch, _unsortedSink);
            var body = _unsorted.Written.Span;
            // Keyed tables sort by the asset's key, the others (outcomes) by its id.
            _order.CopySorted(body, writer.Reserve(_order.RowBytes(body)), _unsortedSink.AssetIsKey ? _keyOf : null);
        }
        else
        {
            _sinks[slot].Begin(table, null);
            table.Write(batch, _sinks[slot]);
        }

        return writer.Written;
    }

    /// <summary>The pending ids as <c>ids</c> rows: (key UInt64, id String).</summary>
    private ReadOnlyMemory<byte> SerialiseIds()
    {
        _ids.Reset();
        foreach (var (key, id) in _keys.Pending)
        {
            _ids.Int64((long)key);
            _ids.String(id);
        }

        return _ids.Written;
    }

    /// <summary>The tables whose first-time rows reach them through their feeds.</summary>
    private static bool IsFed(Table table) => table == StoreTables.Trades || table == StoreTables.TopOfBook;

    /// <summary>The feed's rows: in the table's own buffer when the table gets no insert of its own, else in a feed buffer.</summary>
    private ReadOnlyMemory<byte> FeedBody(Table table, RowBatch fresh, bool allFresh) =>
        table.Count(fresh) == 0 ? default : Serialise(allFresh ? Slot(table) : FeedSlot(table), table, fresh);

    private Task Feed(string feed, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        body.IsEmpty ? Task.CompletedTask : _connection.InsertAsync(ClickHouseSchema.Insert(feed), body, cancellationToken);

    private static int Slot(Table table)
    {
        for (var i = 0; ; i++)
        {
            if (StoreTables.All[i] == table)
            {
                return i;
            }
        }
    }

    /// <summary>Buffers after the tables' own: the feeds' rows when only part of a batch is new.</summary>
    private static int FeedSlot(Table table) => StoreTables.All.Count + (table == StoreTables.Trades ? 0 : 1);

    /// <summary>The aggregated rows of a batch that reaches back below the position: only those loaded for the first time.</summary>
    private static RowBatch RowsAbove(RowBatch batch, long position)
    {
        var fresh = new RowBatch();
        fresh.Trades.AddRange(batch.Trades.Where(row => row.Key.Sequence > position));
        fresh.TopOfBook.AddRange(batch.TopOfBook.Where(row => row.Key.Sequence > position));
        return fresh;
    }
}
