using Polytape.Collector.Configuration;

namespace Polytape.Collector.Tests.Configuration;

public sealed class YamlConfigReaderTests
{
    [Fact]
    public void UnknownKey_IsAnError_NamingTheKeyAndTheNearestValidOne()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("""
            websocket:
              max_asset_per_connection: 300
            """));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("websocket.max_asset_per_connection", problem.Path);
        Assert.Equal("unknown key 'max_asset_per_connection'; did you mean 'websocket.max_assets_per_connection'?", problem.Message);
        Assert.Equal("polytape.yaml line 2, column 3", problem.Source);
    }

    [Fact]
    public void UnknownKey_FarFromEveryName_ListsTheValidKeysOfItsSection()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("rest:\n  something_else_entirely: 1\n"));

        Assert.Contains("valid keys under rest: clob_url, max_ids_per_books_call, verify_interval, verify_sample_size", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSection_SuggestsTheSectionName()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("websockets:\n  url: wss://x/ws\n"));

        Assert.Equal("unknown key 'websockets'; did you mean 'websocket'?", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void MalformedYaml_GivesLineAndColumn()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("websocket:\n  url: wss://x/ws\n  ping_interval: [10s\n", "my.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("my.yaml", problem.Path);
        Assert.StartsWith("malformed YAML", problem.Message, StringComparison.Ordinal);
        Assert.Matches(@"^my\.yaml line \d+, column \d+$", problem.Source);
        Assert.DoesNotContain("(Line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYaml_BadIndentation_PointsAtTheLine()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("websocket:\n  url: wss://x/ws\n bad: 1\n"));

        Assert.StartsWith("polytape.yaml line 3, column", Assert.Single(error.Problems).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void BadDuration_IsReportedWithItsPathAndPosition()
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml("websocket:\n  stale_after: soon\n"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("websocket.stale_after", problem.Path);
        Assert.Contains("'soon' is not a duration", problem.Message, StringComparison.Ordinal);
        Assert.Equal("polytape.yaml line 2, column 16", problem.Source);
    }

    [Theory]
    [InlineData("websocket:\n  url: [a, b]\n", "websocket.url", "expects a single value")]
    [InlineData("discovery:\n  tags: { a: 1 }\n", "discovery.tags", "expects a list")]
    [InlineData("websocket: 5\n", "websocket", "is a section")]
    [InlineData("simulate: maybe\n", "simulate", "'maybe' is not true or false")]
    [InlineData("observability:\n  log_format: xml\n", "observability.log_format", "'xml' is not one of: json, text")]
    [InlineData("shard: 3\n", "shard", "write i/n")]
    [InlineData("websocket:\n  max_ids_per_frame: lots\n", "websocket.max_ids_per_frame", "not a whole number")]
    [InlineData("rest:\n  clob_url: not a url\n", "rest.clob_url", "not an absolute URL")]
    public void WrongShapesAndValues_AreProblemsWithTheirPath(string yaml, string path, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => RecorderConfigLoader.LoadYaml(yaml));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileAndNullValues_KeepDefaults()
    {
        Assert.Equal(200, RecorderConfigLoader.LoadYaml("").WebSocket.MaxAssetsPerConnection);
        var config = RecorderConfigLoader.LoadYaml("storage:\n  postgresql:\n    connection_string: ~\nshard:\n");
        Assert.Null(config.Storage.PostgreSql.ConnectionString);
        Assert.Null(config.Shard);
    }

    [Fact]
    public void ExampleFile_ParsesToExactlyTheDefaults_AndDocumentsEverySetting()
    {
        var path = Path.Combine(ConfigTestFiles.RepositoryRoot(), "polytape.example.yaml");
        var text = File.ReadAllText(path);
        var fromExample = RecorderConfigLoader.LoadYaml(text, path);
        var defaults = new RecorderConfig();

        foreach (var setting in ConfigSchema.All)
        {
            Assert.Equal((setting.Path, setting.Format(defaults)), (setting.Path, setting.Format(fromExample)));
            var key = setting.Path[(setting.Path.LastIndexOf('.') + 1)..];
            Assert.Contains(key + ":", text, StringComparison.Ordinal);
        }
    }
}
