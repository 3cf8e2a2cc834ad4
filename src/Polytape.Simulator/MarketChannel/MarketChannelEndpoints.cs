using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// Maps the market channel at /ws/market (plain HTTP requests get 400) and its ground truth at
/// GET /admin/truth/connections. The host registers <see cref="MarketChannelHub"/> itself, as the engine's sink.
/// </summary>
public static class MarketChannelEndpoints
{
    public static IServiceCollection AddMarketChannel(this IServiceCollection services)
    {
        services.AddSingleton<MarketChannelServer>();
        return services;
    }

    public static IEndpointRouteBuilder MapMarketChannel(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/market", static context => context.RequestServices.GetRequiredService<MarketChannelServer>().AcceptAsync(context));
        app.MapGet("/admin/truth/connections", static (MarketChannelHub hub) =>
            Results.Bytes(ConnectionTruthJson.Write(hub.Connections), "application/json"));
        return app;
    }
}
