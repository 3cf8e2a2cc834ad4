using System.Collections.Frozen;
using Polytape.Archive;

namespace Polytape.Collector.Configuration;

/// <summary>
/// Every setting of <see cref="RecorderConfig"/> under its YAML path. Written out by hand rather than found by
/// reflection: the list is the documentation, it survives trimming and AOT, and a renamed property cannot
/// silently change the file format.
/// </summary>
internal static class ConfigSchema
{
    public static readonly IReadOnlyList<ConfigSetting> All =
    [
        ConfigSetting.Url("discovery.gamma_url", c => c.Discovery.GammaUrl, (c, v) => c.Discovery.GammaUrl = v),
        ConfigSetting.List("discovery.tags", c => c.Discovery.Tags, (c, v) => c.Discovery.Tags = v),
        ConfigSetting.List("discovery.series", c => c.Discovery.Series, (c, v) => c.Discovery.Series = v),
        ConfigSetting.List("discovery.slugs", c => c.Discovery.Slugs, (c, v) => c.Discovery.Slugs = v),
        ConfigSetting.List("discovery.condition_ids", c => c.Discovery.ConditionIds, (c, v) => c.Discovery.ConditionIds = v),
        ConfigSetting.List("discovery.rolling.patterns", c => c.Discovery.Rolling.Patterns, (c, v) => c.Discovery.Rolling.Patterns = v),
        ConfigSetting.Integer("discovery.rolling.windows_ahead", c => c.Discovery.Rolling.WindowsAhead, (c, v) => c.Discovery.Rolling.WindowsAhead = v),
        ConfigSetting.Flag("discovery.all_active", c => c.Discovery.AllActive, (c, v) => c.Discovery.AllActive = v),
        ConfigSetting.Duration("discovery.refresh_interval", c => c.Discovery.RefreshInterval, (c, v) => c.Discovery.RefreshInterval = v),
        ConfigSetting.Integer("discovery.page_size", c => c.Discovery.PageSize, (c, v) => c.Discovery.PageSize = v),

        ConfigSetting.Url("websocket.url", c => c.WebSocket.Url, (c, v) => c.WebSocket.Url = v),
        ConfigSetting.Integer("websocket.max_assets_per_connection", c => c.WebSocket.MaxAssetsPerConnection, (c, v) => c.WebSocket.MaxAssetsPerConnection = v),
        ConfigSetting.Integer("websocket.max_ids_per_frame", c => c.WebSocket.MaxIdsPerFrame, (c, v) => c.WebSocket.MaxIdsPerFrame = v),
        ConfigSetting.Number("websocket.connections_per_second", c => c.WebSocket.ConnectionsPerSecond, (c, v) => c.WebSocket.ConnectionsPerSecond = v),
        ConfigSetting.Duration("websocket.ping_interval", c => c.WebSocket.PingInterval, (c, v) => c.WebSocket.PingInterval = v),
        ConfigSetting.Duration("websocket.stale_after", c => c.WebSocket.StaleAfter, (c, v) => c.WebSocket.StaleAfter = v),
        ConfigSetting.Duration("websocket.first_message_grace", c => c.WebSocket.FirstMessageGrace, (c, v) => c.WebSocket.FirstMessageGrace = v),
        ConfigSetting.Duration("websocket.snapshot_timeout", c => c.WebSocket.SnapshotTimeout, (c, v) => c.WebSocket.SnapshotTimeout = v),
        ConfigSetting.Duration("websocket.close_timeout", c => c.WebSocket.CloseTimeout, (c, v) => c.WebSocket.CloseTimeout = v),
        ConfigSetting.Duration("websocket.quiet_connection_max_silence", c => c.WebSocket.QuietConnectionMaxSilence, (c, v) => c.WebSocket.QuietConnectionMaxSilence = v),
        ConfigSetting.Duration("websocket.reconnect.initial_delay", c => c.WebSocket.Reconnect.InitialDelay, (c, v) => c.WebSocket.Reconnect.InitialDelay = v),
        ConfigSetting.Duration("websocket.reconnect.max_delay", c => c.WebSocket.Reconnect.MaxDelay, (c, v) => c.WebSocket.Reconnect.MaxDelay = v),
        ConfigSetting.Integer("websocket.stale_reconnects_before_refresh", c => c.WebSocket.StaleReconnectsBeforeRefresh, (c, v) => c.WebSocket.StaleReconnectsBeforeRefresh = v),

        ConfigSetting.Url("rest.clob_url", c => c.Rest.ClobUrl, (c, v) => c.Rest.ClobUrl = v),
        ConfigSetting.Duration("rest.verify_interval", c => c.Rest.VerifyInterval, (c, v) => c.Rest.VerifyInterval = v),
        ConfigSetting.Integer("rest.verify_sample_size", c => c.Rest.VerifySampleSize, (c, v) => c.Rest.VerifySampleSize = v),
        ConfigSetting.Integer("rest.max_ids_per_books_call", c => c.Rest.MaxIdsPerBooksCall, (c, v) => c.Rest.MaxIdsPerBooksCall = v),

        ConfigSetting.Text("archive.directory", c => c.Archive.Directory, (c, v) => c.Archive.Directory = v),
        ConfigSetting.Duration("archive.rotation", c => c.Archive.Rotation, (c, v) => c.Archive.Rotation = v),
        ConfigSetting.Duration("archive.flush_interval", c => c.Archive.FlushInterval, (c, v) => c.Archive.FlushInterval = v),
        ConfigSetting.Choice<ArchiveFormat>("archive.format", c => c.Archive.Format, (c, v) => c.Archive.Format = v),
        ConfigSetting.Choice<ArchiveCompression>("archive.compression", c => c.Archive.Compression, (c, v) => c.Archive.Compression = v),

        ConfigSetting.Flag("storage.sqlite.enabled", c => c.Storage.Sqlite.Enabled, (c, v) => c.Storage.Sqlite.Enabled = v),
        ConfigSetting.Text("storage.sqlite.path", c => c.Storage.Sqlite.Path, (c, v) => c.Storage.Sqlite.Path = v),
        ConfigSetting.OptionalText("storage.postgresql.connection_string", c => c.Storage.PostgreSql.ConnectionString, (c, v) => c.Storage.PostgreSql.ConnectionString = v),
        ConfigSetting.OptionalUrl("storage.clickhouse.url", c => c.Storage.ClickHouse.Url, (c, v) => c.Storage.ClickHouse.Url = v),

        ConfigSetting.Text("observability.listen", c => c.Observability.Listen, (c, v) => c.Observability.Listen = v),
        ConfigSetting.Text("observability.status_file", c => c.Observability.StatusFile, (c, v) => c.Observability.StatusFile = v),
        ConfigSetting.Duration("observability.status_interval", c => c.Observability.StatusInterval, (c, v) => c.Observability.StatusInterval = v),
        ConfigSetting.Choice<LogFormat>("observability.log_format", c => c.Observability.LogFormat, (c, v) => c.Observability.LogFormat = v),
        ConfigSetting.Choice<Microsoft.Extensions.Logging.LogLevel>("observability.log_level", c => c.Observability.LogLevel, (c, v) => c.Observability.LogLevel = v),
        ConfigSetting.Choice<StatusLineMode>("observability.status_line", c => c.Observability.StatusLine, (c, v) => c.Observability.StatusLine = v),

        ConfigSetting.Flag("simulate", c => c.Simulate, (c, v) => c.Simulate = v),
        ConfigSetting.Shard("shard", c => c.Shard, (c, v) => c.Shard = v),
    ];

    public static readonly FrozenDictionary<string, ConfigSetting> ByPath =
        All.ToFrozenDictionary(s => s.Path, StringComparer.Ordinal);

    /// <summary>Paths that hold other settings ("websocket", "websocket.reconnect").</summary>
    public static readonly FrozenSet<string> Sections = All
        .SelectMany(s => Prefixes(s.Path))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The known setting or section path closest to <paramref name="path"/>, for "did you mean" hints.</summary>
    public static string? Nearest(string path)
    {
        var best = (Path: (string?)null, Distance: int.MaxValue);
        foreach (var candidate in ByPath.Keys.Concat(Sections))
        {
            var distance = EditDistance(path, candidate);
            if (distance < best.Distance)
            {
                best = (candidate, distance);
            }
        }

        // Beyond a third of the name the suggestion is noise rather than a typo.
        return best.Distance <= Math.Max(2, path.Length / 3) ? best.Path : null;
    }

    /// <summary>The valid keys directly under <paramref name="section"/> ("" for the top level), for error messages.</summary>
    public static IEnumerable<string> KeysUnder(string section)
    {
        var prefix = section.Length == 0 ? "" : section + ".";
        return ByPath.Keys.Concat(Sections)
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !p.AsSpan(prefix.Length).Contains('.'))
            .Select(p => p[prefix.Length..])
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = path.IndexOf('.', dot + 1))
        {
            yield return path[..dot];
        }
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
