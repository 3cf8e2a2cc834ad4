using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Tests.Subscriptions;

public sealed class FeedPoolOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndFollowTheProtocolNotes()
    {
        var options = new FeedPoolOptions();
        options.Validate();
        Assert.Equal(200, options.MaxAssetsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SnapshotTimeout);
        Assert.Equal(3, options.StaleReconnectsBeforeDiscoveryRefresh);
        Assert.True(options.SuspectConnectionSilence < options.Feed.StaleAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), options.QuietConnectionMaxSilence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Validate_AssetsPerConnectionOutside1To500_SaysWhy(int assets)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { MaxAssetsPerConnection = assets }.Validate());
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(FeedPoolOptions.MaxAssetsPerConnection), error.ParamName);
    }

    [Fact]
    public void Validate_SuspectSilenceNotBelowStaleAfter_IsRejected()
    {
        var options = new FeedPoolOptions { Feed = new FeedOptions { StaleAfter = TimeSpan.FromSeconds(30) }, SuspectConnectionSilence = TimeSpan.FromSeconds(30) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Contains("StaleAfter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_OpensPerSecondNotAPositiveNumber_IsRejected(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { ConnectionOpensPerSecond = rate }.Validate());

    [Fact]
    public void Validate_OtherBadValues_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { SnapshotTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { MaxSnapshotRetries = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { QuietConnectionMaxSilence = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { StaleReconnectsBeforeDiscoveryRefresh = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { ThrottledOpenMaxDelay = TimeSpan.FromMilliseconds(10) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedPoolOptions { Feed = new FeedOptions { MaxIdsPerFrame = 0 } }.Validate());
    }
}
