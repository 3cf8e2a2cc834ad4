using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Polytape.Collector.Configuration;
using Polytape.Collector.Status;

namespace Polytape.Collector.Tests.Status;

public sealed class RecorderLoggingTests
{
    [Fact]
    public void Json_UsesTheJsonFormatter_WithUtcTimestamps_AndTheConfiguredLevel()
    {
        using var services = Build(new ObservabilityConfig { LogFormat = LogFormat.Json, LogLevel = LogLevel.Warning });

        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.UseUtcTimestamp);
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", json.TimestampFormat);
        Assert.False(json.JsonWriterOptions.Indented);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Text_UsesTheSingleLineSimpleFormatter_WithUtcTimestamps()
    {
        using var services = Build(new ObservabilityConfig { LogFormat = LogFormat.Text });

        Assert.Equal(ConsoleFormatterNames.Simple, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var simple = services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.True(simple.UseUtcTimestamp);
        Assert.True(simple.SingleLine);
    }

    private static ServiceProvider Build(ObservabilityConfig config) =>
        new ServiceCollection().AddLogging(builder => builder.AddRecorderConsole(config)).BuildServiceProvider();
}
