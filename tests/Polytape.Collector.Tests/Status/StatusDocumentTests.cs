using System.Text.Json;
using Polytape.Collector.Status;

namespace Polytape.Collector.Tests.Status;

public sealed class StatusDocumentTests
{
    [Fact]
    public void ToJson_HasTheDocumentedShape()
    {
        using var json = JsonDocument.Parse(StatusDocument.ToJson(StatusSamples.Receiving()));
        var root = json.RootElement;

        Assert.Equal(
            ["state", "state_reason", "started_at", "generated_at", "uptime_seconds", "shard", "connections", "recent_sessions", "assets", "events_per_second", "archive", "store_lag", "faults", "last_error"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RUNNING_RECEIVING", root.GetProperty("state").GetString());
        Assert.Equal("2026-11-22T12:00:00+00:00", root.GetProperty("started_at").GetString());
        Assert.Equal(5400, root.GetProperty("uptime_seconds").GetDouble());

        var connection = root.GetProperty("connections")[0];
        Assert.Equal(["id", "state", "epoch", "assets", "reconnects", "last_data_at", "silence_allowance_seconds"], connection.EnumerateObject().Select(p => p.Name));
        Assert.Equal(90, connection.GetProperty("silence_allowance_seconds").GetDouble());
        Assert.Equal("receiving", connection.GetProperty("state").GetString());
        Assert.Equal(200, connection.GetProperty("assets").GetInt32());

        var session = root.GetProperty("recent_sessions")[0];
        Assert.Equal(["connection", "epoch", "started_at", "ended_at", "reason", "detail"], session.EnumerateObject().Select(p => p.Name));
        Assert.Equal("stale", session.GetProperty("reason").GetString());

        Assert.Equal(["total", "live", "syncing", "suspect", "resyncing"], root.GetProperty("assets").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["bytes", "files", "last_sequence"], root.GetProperty("archive").EnumerateObject().Select(p => p.Name));
        Assert.Equal(9_000_001, root.GetProperty("archive").GetProperty("last_sequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("last_error").ValueKind);
    }

    [Theory]
    [InlineData(RecorderState.Starting, "STARTING")]
    [InlineData(RecorderState.RunningReconnecting, "RUNNING_RECONNECTING")]
    [InlineData(RecorderState.RunningNoActiveTokens, "RUNNING_NO_ACTIVE_TOKENS")]
    [InlineData(RecorderState.Stopping, "STOPPING")]
    public void State_IsWrittenInUpperSnakeCase(RecorderState state, string expected)
    {
        using var json = JsonDocument.Parse(StatusDocument.ToJson(StatusSamples.Receiving() with { State = state }));
        Assert.Equal(expected, json.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public void Parse_ReadsBackWhatWasWritten()
    {
        var original = StatusSamples.Receiving();
        var back = StatusDocument.Parse(StatusDocument.ToJson(original))!;

        Assert.Equal(original.State, back.State);
        Assert.Equal(original.Connections, back.Connections);
        Assert.Equal(original.RecentSessions, back.RecentSessions);
        Assert.Equal(original.Assets, back.Assets);
        Assert.Equal(original.Archive, back.Archive);
    }
}
