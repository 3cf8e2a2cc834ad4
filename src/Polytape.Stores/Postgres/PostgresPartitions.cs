using System.Globalization;
using Npgsql;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>
/// Daily partitions (UTC days of <c>received_us</c>), created before a batch that reaches a day not seen yet, and
/// dropped whole by retention. Names are <c>&lt;table&gt;_pYYYYMMDD</c>.
/// </summary>
internal sealed class PostgresPartitions
{
    public const long MicrosPerDay = 86_400_000_000;

    private readonly HashSet<long> _days = [];

    public static long DayOf(long receivedMicros) => Math.DivRem(receivedMicros, MicrosPerDay) is var (q, r) && r < 0 ? q - 1 : q;

    public static string NameOf(Table table, long day) =>
        $"{table.Name}_p{DateTimeOffset.UnixEpoch.AddDays(day):yyyyMMdd}";

    /// <summary>Creates the partitions of every day the batch's rows fall in (inside the batch's transaction).</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RowBatch batch, CancellationToken cancellationToken)
    {
        foreach (var day in DaysOf(batch))
        {
            if (_days.Contains(day))
            {
                continue;
            }

            foreach (var table in StoreTables.All)
            {
                var from = (day * MicrosPerDay).ToString(CultureInfo.InvariantCulture);
                var to = ((day + 1) * MicrosPerDay).ToString(CultureInfo.InvariantCulture);
                await using var create = new NpgsqlCommand(
                    $"CREATE TABLE IF NOT EXISTS {NameOf(table, day)} PARTITION OF {table.Name} FOR VALUES FROM ({from}) TO ({to})",
                    connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _days.Add(day);
        }
    }

    /// <summary>Forgets known partitions (after retention dropped some, or a rollback).</summary>
    public void Reset() => _days.Clear();

    /// <summary>Drops the partitions of a table whose whole day lies before <paramref name="cutoffMicros"/>; returns how many.</summary>
    public static async Task<int> DropBeforeAsync(NpgsqlConnection connection, Table table, long cutoffMicros, CancellationToken cancellationToken)
    {
        var dropped = 0;
        var partitions = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = $1",
            connection))
        {
            list.Parameters.AddWithValue(table.Name);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                partitions.Add(reader.GetString(0));
            }
        }

        foreach (var partition in partitions)
        {
            var suffix = partition[(table.Name.Length + 2)..];
            if (!DateTimeOffset.TryParseExact(suffix, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
            {
                continue;
            }

            var end = ArchiveMicros(day.AddDays(1));
            if (end <= cutoffMicros)
            {
                await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {partition}", connection);
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                dropped++;
            }
        }

        return dropped;
    }

    private static long ArchiveMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static IEnumerable<long> DaysOf(RowBatch batch)
    {
        for (var day = DayOf(batch.MinReceivedMicros); day <= DayOf(batch.MaxReceivedMicros); day++)
        {
            yield return day;
        }
    }
}
