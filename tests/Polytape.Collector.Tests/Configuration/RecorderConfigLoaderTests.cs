using Polytape.Collector.Configuration;

namespace Polytape.Collector.Tests.Configuration;

public sealed class RecorderConfigLoaderTests : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Defaults_AreValid_AndPointAtTheRealVenue()
    {
        var config = new RecorderConfig();

        Assert.Empty(config.Validate());
        Assert.Equal("https://gamma-api.polymarket.com/", config.Discovery.GammaUrl.ToString());
        Assert.Equal("wss://ws-subscriptions-clob.polymarket.com/ws/market", config.WebSocket.Url.ToString());
        Assert.Equal("https://clob.polymarket.com/", config.Rest.ClobUrl.ToString());
        Assert.Equal(200, config.WebSocket.MaxAssetsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(10), config.WebSocket.PingInterval);
        Assert.Equal("./data/archive", config.Archive.Directory);
        Assert.True(config.Storage.Sqlite.Enabled);
        Assert.Equal("127.0.0.1:9090", config.Observability.Listen);
        Assert.Null(config.Shard);
    }

    [Fact]
    public void Load_NoFileNoEnvironment_GivesDefaults()
    {
        var loaded = RecorderConfigLoader.Load(new RecorderConfigSources { WorkingDirectory = _files.Directory });

        Assert.Null(loaded.FilePath);
        Assert.Equal(200, loaded.Config.WebSocket.MaxAssetsPerConnection);
    }

    [Fact]
    public void LoadYaml_EverySection_IsRead()
    {
        var config = RecorderConfigLoader.LoadYaml("""
            discovery:
              gamma_url: http://127.0.0.1:8080/gamma/
              all_active: false
              tags: [crypto, politics]
              slugs:
                - will-it-rain
              condition_ids: 0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1
              rolling:
                patterns: [btc-updown-5m]
                windows_ahead: 3
              refresh_interval: 00:02:00
            websocket:
              max_assets_per_connection: 300
              ping_interval: 5s
              reconnect:
                max_delay: 1m
            rest:
              verify_interval: 0s
            archive:
              rotation: 15m
              format: gzip
              compression: smallest
            storage:
              sqlite: { enabled: false }
              postgresql:
                connection_string: Host=db;Database=polytape
              clickhouse:
                url: http://ch:8123/
            observability:
              log_format: text
              status_line: off
              log_level: warning
            simulate: true
            shard: 2/4
            """);

        Assert.False(config.Discovery.AllActive);
        Assert.Equal(new Uri("http://127.0.0.1:8080/gamma/"), config.Discovery.GammaUrl);
        Assert.Equal(["crypto", "politics"], config.Discovery.Tags);
        Assert.Equal(["will-it-rain"], config.Discovery.Slugs);
        Assert.Single(config.Discovery.ConditionIds);
        Assert.Equal(["btc-updown-5m"], config.Discovery.Rolling.Patterns);
        Assert.Equal(3, config.Discovery.Rolling.WindowsAhead);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Discovery.RefreshInterval);
        Assert.Equal(300, config.WebSocket.MaxAssetsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(5), config.WebSocket.PingInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), config.WebSocket.Reconnect.MaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.WebSocket.Reconnect.InitialDelay);
        Assert.Equal(TimeSpan.Zero, config.Rest.VerifyInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), config.Archive.Rotation);
        Assert.Equal(ArchiveCompression.Smallest, config.Archive.Compression);
        Assert.Equal(Polytape.Archive.ArchiveFormat.Gzip, config.Archive.Format);
        Assert.False(config.Storage.Sqlite.Enabled);
        Assert.Equal("Host=db;Database=polytape", config.Storage.PostgreSql.ConnectionString);
        Assert.Equal(new Uri("http://ch:8123/"), config.Storage.ClickHouse.Url);
        Assert.Equal(LogFormat.Text, config.Observability.LogFormat);
        Assert.Equal(StatusLineMode.Off, config.Observability.StatusLine);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, config.Observability.LogLevel);
        Assert.True(config.Simulate);
        Assert.Equal(new ShardSpec(2, 4), config.Shard);
    }

    [Fact]
    public void Load_LayersApplyInOrder_DefaultsFileEnvironmentThenSet()
    {
        var file = _files.Write("custom.yaml", """
            websocket:
              max_assets_per_connection: 100
              max_ids_per_frame: 50
              ping_interval: 7s
            archive:
              directory: /from/file
            """);
        var environment = new Dictionary<string, string?>
        {
            ["POLYTAPE_WEBSOCKET__MAX_ASSETS_PER_CONNECTION"] = "300",
            ["POLYTAPE_WEBSOCKET__MAX_IDS_PER_FRAME"] = "60",
            ["POLYTAPE_DISCOVERY__TAGS"] = "crypto, sports",
            ["POLYTAPE_DISCOVERY__ALL_ACTIVE"] = "false",
            ["POLYTAPE_STORAGE__SQLITE__PATH"] = "/env/db.sqlite",
            ["POLYTAPE_SHARD"] = "1/3",
            ["POLYTAPE_HOME"] = "ignored: not a setting name",
        };

        var loaded = RecorderConfigLoader.Load(new RecorderConfigSources
        {
            ConfigPath = file,
            Environment = environment,
            Overrides = [ConfigOverride.Parse("websocket.max_assets_per_connection=400"), new("simulate", "true"), ConfigOverride.Parse("archive.flush-interval=250ms")],
        });
        var config = loaded.Config;

        Assert.Equal(file, loaded.FilePath);
        Assert.Equal(400, config.WebSocket.MaxAssetsPerConnection);               // --set beats environment and file
        Assert.Equal(60, config.WebSocket.MaxIdsPerFrame);                       // environment beats file
        Assert.Equal(TimeSpan.FromSeconds(7), config.WebSocket.PingInterval);    // file beats default
        Assert.Equal("/from/file", config.Archive.Directory);
        Assert.Equal(TimeSpan.FromSeconds(60), config.WebSocket.StaleAfter);     // default kept
        Assert.Equal(["crypto", "sports"], config.Discovery.Tags);
        Assert.Equal("/env/db.sqlite", config.Storage.Sqlite.Path);
        Assert.Equal(new ShardSpec(1, 3), config.Shard);
        Assert.True(config.Simulate);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Archive.FlushInterval);
    }

    [Fact]
    public void Load_DefaultFileInWorkingDirectory_IsUsed_AndConfigVariableChoosesAnother()
    {
        _files.Write("polytape.yaml", "websocket:\n  max_ids_per_frame: 40\n");
        var other = _files.Write("other.yaml", "websocket:\n  max_ids_per_frame: 30\n");

        var byDefault = RecorderConfigLoader.Load(new RecorderConfigSources { WorkingDirectory = _files.Directory });
        var byVariable = RecorderConfigLoader.Load(new RecorderConfigSources
        {
            WorkingDirectory = _files.Directory,
            Environment = new Dictionary<string, string?> { ["POLYTAPE_CONFIG"] = other },
        });

        Assert.Equal(40, byDefault.Config.WebSocket.MaxIdsPerFrame);
        Assert.Equal(Path.Combine(_files.Directory, "polytape.yaml"), byDefault.FilePath);
        Assert.Equal(30, byVariable.Config.WebSocket.MaxIdsPerFrame);
    }

    [Fact]
    public void Load_MissingExplicitFile_IsAnError()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            RecorderConfigLoader.Load(new RecorderConfigSources { ConfigPath = Path.Combine(_files.Directory, "nope.yaml") }));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("--config", problem.Path);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProblemsFromEveryLayer_AreReportedTogether_WithTheirSources()
    {
        var file = _files.Write("bad.yaml", "websocket:\n  max_assets_per_connection: 800\n  ping_interval: 10\n");

        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.Load(new RecorderConfigSources
        {
            ConfigPath = file,
            Environment = new Dictionary<string, string?> { ["POLYTAPE_REST__VERIFY_SAMPLE_SIZE"] = "many", ["POLYTAPE_WEBSOCKET__PNG_INTERVAL"] = "1s" },
            Overrides = [new("archive.rotation", "7m")],
        }));

        var byPath = error.Problems.ToDictionary(p => p.Path);
        Assert.Equal(5, error.Problems.Count);
        Assert.Equal("800 is above the venue's limit of 500; use 200 (default) or less", byPath["websocket.max_assets_per_connection"].Message);
        Assert.Equal(file + " line 2, column 30", byPath["websocket.max_assets_per_connection"].Source);
        Assert.Contains("has no unit; write 10s", byPath["websocket.ping_interval"].Message, StringComparison.Ordinal);
        Assert.Equal("environment POLYTAPE_REST__VERIFY_SAMPLE_SIZE", byPath["rest.verify_sample_size"].Source);
        Assert.Contains("did you mean 'websocket.ping_interval'?", byPath["websocket.png_interval"].Message, StringComparison.Ordinal);
        Assert.Equal("--set archive.rotation=7m", byPath["archive.rotation"].Source);
        Assert.Contains("websocket.max_assets_per_connection: 800 is above", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownSetOverride_NamesTheNearestSetting()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.Load(new RecorderConfigSources
        {
            WorkingDirectory = _files.Directory,
            Overrides = [new("websocket.max_asset_per_connection", "300")],
        }));

        Assert.Equal("unknown setting 'websocket.max_asset_per_connection'; did you mean 'websocket.max_assets_per_connection'?", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void ConfigOverride_WithoutEquals_SaysTheForm()
    {
        var error = Assert.Throws<FormatException>(() => ConfigOverride.Parse("websocket.url"));
        Assert.Contains("path=value", error.Message, StringComparison.Ordinal);
    }
}
