using System.Globalization;
using System.Net;

namespace Polytape.Collector.Configuration;

/// <summary>The rules a configuration must meet. Each rule reports its YAML path, the value, and what to use instead.</summary>
internal static class RecorderConfigValidator
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static IReadOnlyList<ConfigProblem> Validate(RecorderConfig config)
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string message) => problems.Add(new ConfigProblem(path, message));

        ValidateDiscovery(config.Discovery, Add);
        ValidateWebSocket(config.WebSocket, Add);
        ValidateRest(config.Rest, Add);
        ValidateArchive(config.Archive, Add);
        ValidateStorage(config.Storage, Add);
        ValidateObservability(config.Observability, Add);
        if (config.Shard is { } shard && (shard.Count < 1 || shard.Index < 0 || shard.Index >= shard.Count))
        {
            Add("shard", $"{shard} is not a shard; i must lie in 0..n-1 and n be at least 1 (e.g. 0/4)");
        }

        return problems;
    }

    private static void ValidateDiscovery(DiscoveryConfig discovery, Action<string, string> add)
    {
        Http(discovery.GammaUrl, "discovery.gamma_url", "https://gamma-api.polymarket.com/", add);
        var selects = discovery.AllActive || discovery.Tags.Count + discovery.Series.Count + discovery.Slugs.Count
            + discovery.ConditionIds.Count + discovery.Rolling.Patterns.Count > 0;
        if (!selects)
        {
            add("discovery", "selects no markets; set all_active: true or list tags, series, slugs, condition_ids or rolling.patterns");
        }

        // Under all_active these selectors pick nothing more: someone who lists them means "only these".
        var listed = new[] { ("tags", discovery.Tags.Count), ("series", discovery.Series.Count), ("slugs", discovery.Slugs.Count), ("condition_ids", discovery.ConditionIds.Count) }
            .Where(s => s.Item2 > 0).Select(s => "discovery." + s.Item1).ToList();
        if (discovery.AllActive && listed.Count > 0)
        {
            add("discovery.all_active", $"is true (every active market), so {string.Join(", ", listed)} would add nothing; set discovery.all_active: false to record only the listed markets, or remove the list");
        }

        foreach (var id in discovery.ConditionIds.Where(id => !IsConditionId(id)))
        {
            add("discovery.condition_ids", $"'{id}' is not a condition id; write 0x followed by 64 hex digits");
        }

        foreach (var slug in discovery.Slugs.Concat(discovery.Rolling.Patterns).Where(s => s.Any(char.IsWhiteSpace)))
        {
            add(discovery.Slugs.Contains(slug) ? "discovery.slugs" : "discovery.rolling.patterns", $"'{slug}' contains spaces; slugs look like btc-updown-15m");
        }

        Range(discovery.Rolling.WindowsAhead, 0, 48, "discovery.rolling.windows_ahead", "2 (default)", add);
        Between(discovery.RefreshInterval, TimeSpan.FromSeconds(5), TimeSpan.FromDays(1), "discovery.refresh_interval", add);
        Range(discovery.PageSize, 1, 500, "discovery.page_size", "100 (default)", add);
    }

    private static void ValidateWebSocket(WebSocketConfig ws, Action<string, string> add)
    {
        if (ws.Url.Scheme is not ("ws" or "wss"))
        {
            add("websocket.url", $"'{ws.Url}' is not a WebSocket URL; use wss://ws-subscriptions-clob.polymarket.com/ws/market (default)");
        }

        if (ws.MaxAssetsPerConnection > WebSocketConfig.VenueMaxAssetsPerConnection)
        {
            add("websocket.max_assets_per_connection", $"{ws.MaxAssetsPerConnection} is above the venue's limit of {WebSocketConfig.VenueMaxAssetsPerConnection}; use {WebSocketConfig.DefaultMaxAssetsPerConnection} (default) or less");
        }
        else
        {
            Range(ws.MaxAssetsPerConnection, 1, WebSocketConfig.VenueMaxAssetsPerConnection, "websocket.max_assets_per_connection", "200 (default)", add);
        }

        Range(ws.MaxIdsPerFrame, 1, 500, "websocket.max_ids_per_frame", "100 (default)", add);
        if (ws.ConnectionsPerSecond is <= 0 or > 1000)
        {
            add("websocket.connections_per_second", $"{Text(ws.ConnectionsPerSecond)} must be above 0 and at most 1000; use 10 (default)");
        }

        Between(ws.PingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), "websocket.ping_interval", add);
        Between(ws.FirstMessageGrace, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "websocket.first_message_grace", add);
        Between(ws.SnapshotTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "websocket.snapshot_timeout", add);
        if (ws.StaleAfter <= ws.PingInterval)
        {
            add("websocket.stale_after", $"{ConfigDuration.Format(ws.StaleAfter)} must be longer than websocket.ping_interval ({ConfigDuration.Format(ws.PingInterval)}); use 60s (default)");
        }

        Between(ws.CloseTimeout, TimeSpan.Zero, TimeSpan.FromSeconds(30), "websocket.close_timeout", add);
        Between(ws.QuietConnectionMaxSilence, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), "websocket.quiet_connection_max_silence", add);
        Between(ws.Reconnect.InitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "websocket.reconnect.initial_delay", add);
        if (ws.Reconnect.MaxDelay < ws.Reconnect.InitialDelay || ws.Reconnect.MaxDelay > TimeSpan.FromHours(1))
        {
            add("websocket.reconnect.max_delay", $"{ConfigDuration.Format(ws.Reconnect.MaxDelay)} must lie between websocket.reconnect.initial_delay ({ConfigDuration.Format(ws.Reconnect.InitialDelay)}) and 1h; use 30s (default)");
        }

        Range(ws.StaleReconnectsBeforeRefresh, 1, 1000, "websocket.stale_reconnects_before_refresh", "3 (default)", add);
    }

    private static void ValidateRest(RestConfig rest, Action<string, string> add)
    {
        Http(rest.ClobUrl, "rest.clob_url", "https://clob.polymarket.com/", add);
        if (rest.VerifyInterval != TimeSpan.Zero)
        {
            Between(rest.VerifyInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "rest.verify_interval", add, " (or 0s to turn sampling off)");
        }

        Range(rest.VerifySampleSize, 0, 100_000, "rest.verify_sample_size", "500 (default)", add);
        if (rest.MaxIdsPerBooksCall > RestConfig.VenueMaxIdsPerBooksCall)
        {
            add("rest.max_ids_per_books_call", $"{rest.MaxIdsPerBooksCall} is above the venue's limit of {RestConfig.VenueMaxIdsPerBooksCall} ids per POST /books; use 500 (default) or less");
        }
        else
        {
            Range(rest.MaxIdsPerBooksCall, 1, RestConfig.VenueMaxIdsPerBooksCall, "rest.max_ids_per_books_call", "500 (default)", add);
        }
    }

    private static void ValidateArchive(ArchiveConfig archive, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(archive.Directory))
        {
            add("archive.directory", "is empty; set the folder the archive files go to, e.g. ./data/archive (default)");
        }

        if (archive.Rotation < TimeSpan.FromMinutes(1) || archive.Rotation > TimeSpan.FromDays(1)
            || TimeSpan.FromDays(1).Ticks % archive.Rotation.Ticks != 0)
        {
            add("archive.rotation", $"{ConfigDuration.Format(archive.Rotation)} must divide 24h evenly and lie between 1m and 1d; use 1h (default)");
        }

        Between(archive.FlushInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "archive.flush_interval", add);
    }

    private static void ValidateStorage(StorageConfig storage, Action<string, string> add)
    {
        if (storage.Sqlite.Enabled && string.IsNullOrWhiteSpace(storage.Sqlite.Path))
        {
            add("storage.sqlite.path", "is empty; set a file such as ./data/polytape.db (default), or storage.sqlite.enabled: false");
        }

        if (storage.PostgreSql.ConnectionString is { } connection && !connection.Contains('=', StringComparison.Ordinal))
        {
            add("storage.postgresql.connection_string", "is not a connection string; write Host=…;Username=…;Password=…;Database=…");
        }

        if (storage.ClickHouse.Url is { } clickHouse)
        {
            Http(clickHouse, "storage.clickhouse.url", "http://localhost:8123/", add);
        }
    }

    private static void ValidateObservability(ObservabilityConfig observability, Action<string, string> add)
    {
        if (observability.ListenEnabled && !IsListenAddress(observability.Listen))
        {
            add("observability.listen", $"'{observability.Listen}' is not host:port; use 127.0.0.1:9090 (default), 0.0.0.0:9090 in a container, or off");
        }

        Between(observability.StatusInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), "observability.status_interval", add);
    }

    private static bool IsListenAddress(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = listen[..colon].Trim('[', ']');
        return IPAddress.TryParse(host, out _) || Uri.CheckHostName(host) == UriHostNameType.Dns;
    }

    private static bool IsConditionId(string id) =>
        id.Length == 66 && id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !id.AsSpan(2).ContainsAnyExcept(HexDigits);

    private static void Http(Uri url, string path, string example, Action<string, string> add)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            add(path, $"'{url}' is not an http(s) URL; use {example} (default)");
        }
    }

    private static void Range(int value, int min, int max, string path, string suggestion, Action<string, string> add)
    {
        if (value < min || value > max)
        {
            add(path, $"{value} must lie between {min} and {max}; use {suggestion}");
        }
    }

    private static void Between(TimeSpan value, TimeSpan min, TimeSpan max, string path, Action<string, string> add, string extra = "")
    {
        if (value < min || value > max)
        {
            add(path, $"{ConfigDuration.Format(value)} must lie between {ConfigDuration.Format(min)} and {ConfigDuration.Format(max)}{extra}");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
