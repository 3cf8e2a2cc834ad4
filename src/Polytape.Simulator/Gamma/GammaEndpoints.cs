using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Polytape.Simulator.Gamma;

/// <summary>Maps the Gamma endpoints under /gamma. (Placeholder: filled in by the REST work.)</summary>
public static class GammaEndpoints
{
    public static IServiceCollection AddGamma(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapGamma(this IEndpointRouteBuilder app) => app;
}
