using Polytape.Collector.Configuration;
using Polytape.Collector.Recording;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Tests.Configuration;

/// <summary>One case per validation rule: the value that breaks it, the path reported, and the advice given.</summary>
public sealed class RecorderConfigValidationTests
{
    public static TheoryData<string, string, string> Rules => new()
    {
        { "discovery.gamma_url=ftp://gamma/", "discovery.gamma_url", "not an http(s) URL" },
        { "discovery.all_active=false", "discovery", "selects no markets" },
        { "discovery.all_active=false; discovery.condition_ids=0x1234", "discovery.condition_ids", "'0x1234' is not a condition id" },
        { "discovery.all_active=false; discovery.slugs=has space", "discovery.slugs", "contains spaces" },
        { "discovery.rolling.patterns=btc updown", "discovery.rolling.patterns", "contains spaces" },
        { "discovery.tags=crypto", "discovery.all_active", "is true (every active market), so discovery.tags would add nothing; set discovery.all_active: false" },
        { "discovery.rolling.windows_ahead=-1", "discovery.rolling.windows_ahead", "-1 must lie between 0 and 48" },
        { "discovery.refresh_interval=1s", "discovery.refresh_interval", "1s must lie between 5s and 1d" },
        { "discovery.page_size=0", "discovery.page_size", "0 must lie between 1 and 500" },
        { "websocket.url=https://x/ws", "websocket.url", "not a WebSocket URL" },
        { "websocket.max_assets_per_connection=800", "websocket.max_assets_per_connection", "800 is above the venue's limit of 500; use 200 (default) or less" },
        { "websocket.max_assets_per_connection=0", "websocket.max_assets_per_connection", "0 must lie between 1 and 500" },
        { "websocket.max_ids_per_frame=501", "websocket.max_ids_per_frame", "501 must lie between 1 and 500" },
        { "websocket.connections_per_second=0", "websocket.connections_per_second", "must be above 0" },
        { "websocket.ping_interval=500ms", "websocket.ping_interval", "500ms must lie between 1s and 1m" },
        { "websocket.stale_after=5s", "websocket.stale_after", "must be longer than websocket.ping_interval (10s)" },
        { "websocket.first_message_grace=0s", "websocket.first_message_grace", "must lie between 1s and 10m" },
        { "websocket.snapshot_timeout=1h", "websocket.snapshot_timeout", "must lie between 1s and 10m" },
        { "websocket.close_timeout=1m", "websocket.close_timeout", "1m must lie between 0s and 30s" },
        { "websocket.quiet_connection_max_silence=30s", "websocket.quiet_connection_max_silence", "30s must lie between 1m and 1h" },
        { "websocket.reconnect.initial_delay=1ms", "websocket.reconnect.initial_delay", "must lie between 10ms and 1m" },
        { "websocket.reconnect.max_delay=100ms", "websocket.reconnect.max_delay", "must lie between websocket.reconnect.initial_delay (250ms) and 1h" },
        { "websocket.stale_reconnects_before_refresh=0", "websocket.stale_reconnects_before_refresh", "0 must lie between 1 and 1000" },
        { "rest.clob_url=wss://clob/", "rest.clob_url", "not an http(s) URL" },
        { "rest.verify_interval=500ms", "rest.verify_interval", "(or 0s to turn sampling off)" },
        { "rest.verify_sample_size=-1", "rest.verify_sample_size", "must lie between 0 and 100000" },
        { "rest.max_ids_per_books_call=501", "rest.max_ids_per_books_call", "above the venue's limit of 500 ids per POST /books" },
        { "rest.max_ids_per_books_call=0", "rest.max_ids_per_books_call", "0 must lie between 1 and 500" },
        { "archive.directory= ", "archive.directory", "is empty" },
        { "archive.rotation=7m", "archive.rotation", "7m must divide 24h evenly" },
        { "archive.flush_interval=5m", "archive.flush_interval", "5m must lie between 10ms and 1m" },
        { "storage.sqlite.path=", "storage.sqlite.path", "is empty" },
        { "storage.postgresql.connection_string=postgres", "storage.postgresql.connection_string", "not a connection string" },
        { "storage.clickhouse.url=tcp://ch:9000/", "storage.clickhouse.url", "not an http(s) URL" },
        { "observability.listen=9090", "observability.listen", "'9090' is not host:port" },
        { "observability.listen=localhost:99999", "observability.listen", "is not host:port" },
        { "observability.status_interval=10ms", "observability.status_interval", "must lie between 100ms and 1h" },
        { "shard=4/4", "shard", "4/4 is not a shard" },
        { "shard=0/0", "shard", "0/0 is not a shard" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_BrokenValue_IsReportedWithPathAndAdvice(string assignment, string path, string expected)
    {
        var config = new RecorderConfig();
        foreach (var part in assignment.Split("; "))
        {
            var item = ConfigOverride.Parse(part);
            ConfigSchema.ByPath[item.Path].Set(config, item.Value);
        }

        var problem = Assert.Single(config.Validate());
        Assert.Equal(path, problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RollingPatterns_CombineWithAllActive()
    {
        var config = new RecorderConfig();
        config.Discovery.Rolling.Patterns = ["btc-updown-15m"];
        Assert.Empty(config.Validate());
    }

    [Fact]
    public void Validate_CollectsEveryProblem_NotJustTheFirst()
    {
        var config = new RecorderConfig();
        config.WebSocket.MaxAssetsPerConnection = 800;
        config.Rest.MaxIdsPerBooksCall = 900;
        config.Archive.Directory = "";

        Assert.Equal(
            ["websocket.max_assets_per_connection", "rest.max_ids_per_books_call", "archive.directory"],
            config.Validate().Select(p => p.Path));
    }

    [Theory]
    [InlineData("0.0.0.0:9090")]
    [InlineData("[::]:9090")]
    [InlineData("localhost:0")]
    [InlineData("off")]
    public void Listen_AcceptedForms_AreValid(string listen)
    {
        var config = new RecorderConfig();
        config.Observability.Listen = listen;
        Assert.Empty(config.Validate());
    }

    [Fact]
    public void ToFeedOptions_CarriesTheWebSocketSettings_AndIsValid()
    {
        var config = RecorderConfigLoader.LoadYaml("websocket:\n  url: ws://127.0.0.1:1/ws/market\n  max_ids_per_frame: 50\n  stale_after: 30s\n  close_timeout: 3s\n");
        var feed = config.WebSocket.ToFeedOptions();

        feed.Validate();
        Assert.Equal(new Uri("ws://127.0.0.1:1/ws/market"), feed.Endpoint);
        Assert.Equal(50, feed.MaxIdsPerFrame);
        Assert.Equal(TimeSpan.FromSeconds(30), feed.StaleAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), feed.CloseTimeout);
    }

    [Fact]
    public void ToPoolOptions_CarriesTheQuietConnectionCap_AndIsValid()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), new RecorderConfig().ToPoolOptions().QuietConnectionMaxSilence);
        var config = RecorderConfigLoader.LoadYaml("websocket:\n  quiet_connection_max_silence: 15m\n");
        var pool = config.ToPoolOptions();

        pool.Validate();
        Assert.Equal(TimeSpan.FromMinutes(15), pool.QuietConnectionMaxSilence);
    }

    [Fact]
    public void ToArchiveOptions_CarriesTheArchiveSettings_AndIsValid()
    {
        var config = RecorderConfigLoader.LoadYaml("archive:\n  directory: /tmp/a\n  rotation: 15m\n  format: gzip\n  compression: optimal\n");
        var archive = config.Archive.ToArchiveOptions();

        archive.Validate();
        Assert.Equal("/tmp/a", archive.Directory);
        Assert.Equal(TimeSpan.FromMinutes(15), archive.RotationPeriod);
        Assert.Equal(System.IO.Compression.CompressionLevel.Optimal, archive.CompressionLevel);
        Assert.Equal(Polytape.Archive.ArchiveFormat.Gzip, archive.Format);
    }

    [Fact]
    public void ToArchiveOptions_ByDefault_WritesZstd()
    {
        Assert.Equal(Polytape.Archive.ArchiveFormat.Zstd, RecorderConfigLoader.LoadYaml("archive:\n  directory: /tmp/a\n").Archive.ToArchiveOptions().Format);
    }
}
