using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Polytape.Collector.Status;

/// <summary>
/// <c>GET /status</c> (the document as JSON), <c>/health</c> (200 while every loop runs, 503 naming the faulted
/// component) and <c>/ready</c> (200 only while receiving, or when there is nothing to record; 503 with the reason).
/// Plain <see cref="RequestDelegate"/>s with source-generated JSON, so they need no reflection.
/// </summary>
public static class StatusEndpoints
{
    public const string StatusPath = "/status";
    public const string HealthPath = "/health";
    public const string ReadyPath = "/ready";

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints, Func<RecorderStatus> status)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(status);
        endpoints.MapGet(StatusPath, context => WriteAsync(context, StatusCodes.Status200OK, status(), StatusJsonContext.Default.RecorderStatus));
        endpoints.MapGet(HealthPath, context =>
        {
            var current = status();
            return current.Faults.Count == 0
                ? WriteAsync(context, StatusCodes.Status200OK, new ProbeAnswer("ok", current.State, null), StatusJsonContext.Default.ProbeAnswer)
                : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ProbeAnswer("faulted", current.State, Describe(current.Faults)), StatusJsonContext.Default.ProbeAnswer);
        });
        endpoints.MapGet(ReadyPath, context =>
        {
            var current = status();
            return RecorderStateRules.IsReady(current.State)
                ? WriteAsync(context, StatusCodes.Status200OK, new ProbeAnswer("ready", current.State, current.StateReason), StatusJsonContext.Default.ProbeAnswer)
                : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ProbeAnswer("not_ready", current.State, current.StateReason), StatusJsonContext.Default.ProbeAnswer);
        });
        return endpoints;
    }

    private static string Describe(IReadOnlyList<ComponentFault> faults) =>
        string.Join("; ", faults.Select(f => $"{f.Component}: {f.Message}"));

    private static Task WriteAsync<T>(HttpContext context, int statusCode, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
