using Polytape.Collector.Configuration;

namespace Polytape.Collector.Tests.Configuration;

public sealed class EffectiveConfigTests
{
    [Fact]
    public void ToYaml_LoadsBackToTheSameSettings()
    {
        var config = RecorderConfigLoader.LoadYaml("""
            discovery:
              all_active: false
              tags: [crypto, "needs, quoting"]
              rolling: { patterns: [btc-updown-5m] }
            websocket:
              max_assets_per_connection: 300
              reconnect: { max_delay: 45s }
            storage:
              postgresql: { connection_string: "Host=db;Database=p" }
            shard: 1/2
            """);

        var yaml = EffectiveConfig.ToYaml(config);
        var back = RecorderConfigLoader.LoadYaml(yaml, "effective.yaml");

        Assert.Equal(EffectiveConfig.Settings(config), EffectiveConfig.Settings(back));
        Assert.Equal(["crypto", "needs, quoting"], back.Discovery.Tags);
        Assert.Contains("websocket:\n  url: ", yaml, StringComparison.Ordinal);
        Assert.Contains("\n  reconnect:\n    initial_delay: \"250ms\"\n    max_delay: \"45s\"\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_HidePasswords()
    {
        var config = new RecorderConfig();
        config.Storage.PostgreSql.ConnectionString = "Host=db;Password=hunter2;Database=p";

        var value = EffectiveConfig.Settings(config).Single(s => s.Key == "storage.postgresql.connection_string").Value;

        Assert.Equal("Host=db;Password=***;Database=p", value);
        Assert.DoesNotContain("hunter2", EffectiveConfig.ToYaml(config), StringComparison.Ordinal);
    }
}
