namespace Polytape.Collector.Configuration;

/// <summary>
/// One thing wrong with the configuration: the YAML path of the setting (<c>websocket.ping_interval</c>), what
/// is wrong and what to do, and where the value came from when known ("polytape.yaml line 7, column 3").
/// </summary>
public sealed record ConfigProblem(string Path, string Message, string? Source = null)
{
    public override string ToString() => Source is null ? $"{Path}: {Message}" : $"{Path}: {Message} ({Source})";
}
