using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Polytape.Simulator.Rest;

/// <summary>Maps the CLOB REST endpoints. (Placeholder: filled in by the REST work.)</summary>
public static class ClobEndpoints
{
    public static IServiceCollection AddClobRest(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapClobRest(this IEndpointRouteBuilder app) => app;
}
