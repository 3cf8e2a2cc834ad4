using Polytape.Collector.Status;

namespace Polytape.Collector.Tests.Status;

public sealed class RecorderStateRulesTests
{
    private static readonly RecorderStateInputs Healthy = new()
    {
        DiscoveryCompleted = true,
        DesiredAssets = 400,
        Connections = 2,
        ConnectionsReceiving = 2,
        AnyDataReceived = true,
    };

    [Fact]
    public void Decide_EveryConnectionReceiving_IsRunningReceiving()
    {
        var (state, reason) = RecorderStateRules.Decide(Healthy);
        Assert.Equal(RecorderState.RunningReceiving, state);
        Assert.Equal("2 connections receiving", reason);
    }

    [Fact]
    public void Decide_OneConnectionDown_IsReconnecting_AndSaysHowMany()
    {
        var (state, reason) = RecorderStateRules.Decide(Healthy with { ConnectionsReceiving = 1 });
        Assert.Equal(RecorderState.RunningReconnecting, state);
        Assert.Equal("1 of 2 connections not receiving", reason);
    }

    [Fact]
    public void Decide_AssetsButNoConnection_IsReconnecting() =>
        Assert.Equal(RecorderState.RunningReconnecting, RecorderStateRules.Decide(Healthy with { Connections = 0, ConnectionsReceiving = 0 }).State);

    [Fact]
    public void Decide_NothingDesired_IsNoActiveTokens_EvenWithoutConnections() =>
        Assert.Equal(RecorderState.RunningNoActiveTokens, RecorderStateRules.Decide(Healthy with { DesiredAssets = 0, Connections = 0, ConnectionsReceiving = 0, AnyDataReceived = false }).State);

    [Fact]
    public void Decide_BeforeDiscoveryOrFirstData_IsStarting()
    {
        Assert.Equal(RecorderState.Starting, RecorderStateRules.Decide(Healthy with { DiscoveryCompleted = false }).State);
        Assert.Equal(RecorderState.Starting, RecorderStateRules.Decide(Healthy with { AnyDataReceived = false, ConnectionsReceiving = 0 }).State);
    }

    [Fact]
    public void Decide_Stopping_WinsOverEverything() =>
        Assert.Equal(RecorderState.Stopping, RecorderStateRules.Decide(Healthy with { Stopping = true, DiscoveryCompleted = false }).State);

    [Theory]
    [InlineData(RecorderState.RunningReceiving, true)]
    [InlineData(RecorderState.RunningNoActiveTokens, true)]
    [InlineData(RecorderState.RunningReconnecting, false)]
    [InlineData(RecorderState.Starting, false)]
    [InlineData(RecorderState.Stopping, false)]
    public void IsReady_OnlyWhenReceivingOrIdleByDesign(RecorderState state, bool ready) =>
        Assert.Equal(ready, RecorderStateRules.IsReady(state));
}
