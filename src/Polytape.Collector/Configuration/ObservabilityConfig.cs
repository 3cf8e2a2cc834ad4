using Microsoft.Extensions.Logging;

namespace Polytape.Collector.Configuration;

/// <summary>Where the recorder says how it is doing: HTTP endpoints, the status file, logs and the terminal line.</summary>
public sealed class ObservabilityConfig
{
    /// <summary>host:port for /metrics, /health, /ready and /status; loopback by default, "off" serves nothing.</summary>
    public string Listen { get; set; } = "127.0.0.1:9090";

    /// <summary>The status document is rewritten here (atomically); empty writes no file.</summary>
    public string StatusFile { get; set; } = "./data/status.json";

    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    public LogFormat LogFormat { get; set; } = LogFormat.Json;

    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    public StatusLineMode StatusLine { get; set; } = StatusLineMode.Auto;

    /// <summary>True when <see cref="Listen"/> asks for the HTTP endpoints.</summary>
    public bool ListenEnabled => !string.Equals(Listen, "off", StringComparison.OrdinalIgnoreCase) && Listen.Length > 0;

    /// <summary><see cref="Listen"/> as a Kestrel URL ("http://127.0.0.1:9090") for <c>WebHost.UseUrls</c>.</summary>
    public string ListenUrl => "http://" + Listen;
}

/// <summary>Log lines as JSON objects (for collectors) or as plain text (for people).</summary>
public enum LogFormat
{
    Json,
    Text,
}

/// <summary>The one-line live status on stderr: only on a terminal (auto), always, or never.</summary>
public enum StatusLineMode
{
    Auto,
    On,
    Off,
}
