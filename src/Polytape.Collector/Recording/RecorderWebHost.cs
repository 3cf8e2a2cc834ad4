using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polytape.Collector.Observability;
using Polytape.Collector.Status;

namespace Polytape.Collector.Recording;

/// <summary>Kestrel serving /metrics (Prometheus text), /status, /health and /ready for the recorder.</summary>
internal sealed class RecorderWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecorderWebHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RecorderWebHost> StartAsync(string url, Func<RecorderStatus> status, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddPolytapeMetrics();
        var app = builder.Build();
        MetricsEndpoint.Map(app);
        StatusEndpoints.Map(app, status);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Cannot listen on {url} for /metrics and /status: {error.Message}. Set observability.listen to a free host:port, or \"off\".", error);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        return new RecorderWebHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
