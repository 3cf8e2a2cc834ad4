using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Polytape.Collector.Observability;

/// <summary>
/// Prometheus text exposition at <c>/metrics</c> through the OpenTelemetry SDK and its ASP.NET Core exporter: the SDK
/// reads the <see cref="PolytapeMetrics.MeterName"/> meter (observable instruments are read at scrape time).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Registers the OpenTelemetry meter provider with the Prometheus exporter. Call on the builder's services.</summary>
    public static IServiceCollection AddPolytapeMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PolytapeMetrics.MeterName)
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c>.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint(Path);
}
