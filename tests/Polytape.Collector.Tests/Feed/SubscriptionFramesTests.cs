using System.Text.Json;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Tests.Feed;

public sealed class SubscriptionFramesTests
{
    [Fact]
    public void Initial_SendsTypeMarketAndInitialDumpExplicitly()
    {
        using var frame = JsonDocument.Parse(SubscriptionFrames.Initial(["1", "2"], customFeatures: true));
        var root = frame.RootElement;

        Assert.Equal(["1", "2"], root.GetProperty("assets_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("market", root.GetProperty("type").GetString());
        Assert.True(root.GetProperty("initial_dump").GetBoolean());
        Assert.True(root.GetProperty("custom_feature_enabled").GetBoolean());
    }

    [Fact]
    public void Operation_IsAnOperationFrameWithoutType()
    {
        using var frame = JsonDocument.Parse(SubscriptionFrames.Operation("unsubscribe", ["9"], customFeatures: true));
        var root = frame.RootElement;

        Assert.Equal("unsubscribe", root.GetProperty("operation").GetString());
        Assert.False(root.TryGetProperty("type", out _)); // a second type:"market" is answered INVALID OPERATION
        Assert.False(root.TryGetProperty("custom_feature_enabled", out _));
    }
}
