namespace Polytape.Collector.Status;

/// <summary>The numbers the recorder's state is decided from.</summary>
public readonly record struct RecorderStateInputs
{
    /// <summary>Shutdown has begun.</summary>
    public bool Stopping { get; init; }

    /// <summary>The first discovery pass has finished, so the desired set is known.</summary>
    public bool DiscoveryCompleted { get; init; }

    /// <summary>Assets the recorder wants subscribed after discovery (and sharding).</summary>
    public int DesiredAssets { get; init; }

    /// <summary>Connections that carry assets.</summary>
    public int Connections { get; init; }

    /// <summary>Of those, the ones whose session is receiving data.</summary>
    public int ConnectionsReceiving { get; init; }

    /// <summary>At least one data frame has arrived since start.</summary>
    public bool AnyDataReceived { get; init; }
}

/// <summary>Decides the recorder's state from numbers alone, so every rule is testable without sockets.</summary>
public static class RecorderStateRules
{
    public static (RecorderState State, string Reason) Decide(RecorderStateInputs inputs)
    {
        if (inputs.Stopping)
        {
            return (RecorderState.Stopping, "shutting down: draining queues and sealing the archive");
        }

        if (!inputs.DiscoveryCompleted)
        {
            return (RecorderState.Starting, "discovering markets");
        }

        if (inputs.DesiredAssets == 0)
        {
            return (RecorderState.RunningNoActiveTokens, "discovery found no active tokens to record; check the discovery settings");
        }

        if (!inputs.AnyDataReceived)
        {
            return (RecorderState.Starting, $"waiting for the first data on {inputs.Connections} connection(s) for {inputs.DesiredAssets} assets");
        }

        if (inputs.Connections == 0)
        {
            return (RecorderState.RunningReconnecting, $"no connection open for {inputs.DesiredAssets} assets");
        }

        var down = inputs.Connections - inputs.ConnectionsReceiving;
        return down > 0
            ? (RecorderState.RunningReconnecting, $"{down} of {inputs.Connections} connections not receiving")
            : (RecorderState.RunningReceiving, $"{inputs.Connections} connections receiving");
    }

    /// <summary>Ready means data flows, or there is truly nothing to record.</summary>
    public static bool IsReady(RecorderState state) => state is RecorderState.RunningReceiving or RecorderState.RunningNoActiveTokens;
}
