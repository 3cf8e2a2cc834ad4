using System.Text.RegularExpressions;
using Polytape.Collector.Configuration;
using YamlDotNet.RepresentationModel;

namespace Polytape.Collector.Tests.Configuration;

/// <summary>The deployment files name real settings with valid values: a renamed key would otherwise only fail in production.</summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = ConfigTestFiles.RepositoryRoot();

    [Fact]
    public void KubernetesConfigMap_HoldsAValidPolytapeYaml()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "deploy", "k8s", "configmap.yaml"))));
        var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["data"];

        var config = RecorderConfigLoader.LoadYaml(((YamlScalarNode)data["polytape.yaml"]).Value!, "configmap polytape.yaml");

        Assert.Equal("0.0.0.0:9090", config.Observability.Listen);
        Assert.Equal("/data/archive", config.Archive.Directory);
        Assert.Equal(StatusLineMode.Off, config.Observability.StatusLine);
    }

    [Fact]
    public void DockerfileAndSystemdEnvironment_NameValidSettings()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var unit = File.ReadAllText(Path.Combine(Root, "deploy", "systemd", "polytape.service"));
        var environment = Assignments().Matches(dockerfile + "\n" + unit)
            .ToDictionary(m => m.Groups["name"].Value, m => (string?)m.Groups["value"].Value);

        var config = RecorderConfigLoader.Load(new RecorderConfigSources { WorkingDirectory = Path.GetTempPath(), Environment = environment }).Config;

        Assert.True(environment.Count >= 5);
        Assert.Equal("/data/polytape.db", config.Storage.Sqlite.Path);
        Assert.Equal(StatusLineMode.Off, config.Observability.StatusLine);
    }

    [Fact]
    public void KubernetesShardExpression_IsAValidShardOnceExpanded()
    {
        var statefulSet = File.ReadAllText(Path.Combine(Root, "deploy", "k8s", "statefulset.yaml"));
        Assert.Contains("value: \"$(SHARD_INDEX)/$(SHARD_COUNT)\"", statefulSet, StringComparison.Ordinal);
        var replicas = Regex.Match(statefulSet, @"replicas: (\d+)").Groups[1].Value;
        Assert.Contains($"name: SHARD_COUNT\n              value: \"{replicas}\"", statefulSet, StringComparison.Ordinal);

        var config = RecorderConfigLoader.Load(new RecorderConfigSources
        {
            WorkingDirectory = Path.GetTempPath(),
            Environment = new Dictionary<string, string?> { ["POLYTAPE_SHARD"] = $"2/{replicas}" },
        }).Config;
        Assert.Equal(2, config.Shard?.Index);
    }

    [GeneratedRegex(@"(?<name>POLYTAPE_[A-Z_]+)=(?<value>[^\s\\]+)")]
    private static partial Regex Assignments();
}
