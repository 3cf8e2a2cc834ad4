using Polytape.Collector.Discovery;
using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Tests.Discovery;

public sealed class DiscoveryOptionsTests
{
    [Fact]
    public void Validate_DefaultsWithASelection_HasNoProblems()
    {
        var options = new DiscoveryOptions { RollingPatterns = ["btc-updown-5m"] };

        Assert.Empty(options.Validate());
        Assert.Equal(new Uri("https://gamma-api.polymarket.com/"), options.GammaUri);
        Assert.Equal(2, options.RollingWindowsAhead);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RefreshInterval);
        Assert.InRange(options.PageSize, 1, DiscoveryOptions.MaxPageSize);
    }

    [Fact]
    public void Validate_NothingSelected_SaysWhatToSetIncludingAllActive()
    {
        var problem = Assert.Single(new DiscoveryOptions().Validate());

        Assert.Contains("rolling_patterns", problem, StringComparison.Ordinal);
        Assert.Contains("all_active: true", problem, StringComparison.Ordinal);
        Assert.Empty(new DiscoveryOptions { AllActive = true }.Validate());
    }

    [Fact]
    public void Validate_BadValues_ListsEveryProblem()
    {
        var options = new DiscoveryOptions
        {
            GammaUri = new Uri("https://gamma-api.polymarket.com/v1"),
            ConditionIds = ["0x1234"],
            RollingPatterns = ["btc-updown-7m"],
            Tags = [""],
            PageSize = 500,
            RequestsPerWindow = 5_000,
            RefreshInterval = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromMilliseconds(1),
        };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("must end with '/'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'0x1234' is not a condition id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'btc-updown-7m' is not a rolling pattern", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("discovery.tags contains an empty entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("page_size is 500; it must be between 1 and 100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exceeds Gamma's documented /markets limit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("refresh_interval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("retry_max_delay", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);

        var thrown = Assert.Throws<ArgumentException>(options.EnsureValid);
        Assert.All(problems, p => Assert.Contains(p, thrown.Message, StringComparison.Ordinal));
    }
}
