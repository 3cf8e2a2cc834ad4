using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Polytape.Simulator.MarketChannel;

/// <summary>Maps /ws/market. (Placeholder: the real server arrives with the market-channel work.)</summary>
public static class MarketChannelEndpoints
{
    public static IServiceCollection AddMarketChannel(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapMarketChannel(this IEndpointRouteBuilder app) => app;
}
