using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Rest;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// Gamma (polymarket-protocol.md §6), mapped by the host under <c>/gamma</c>: markets, events, series and tags
/// from the engine's universe, serialised with the project's own Gamma models, each route behind the
/// <see cref="RestGuard"/> of its rate-limit group.
/// </summary>
public static class GammaEndpoints
{
    public static IServiceCollection AddGamma(this IServiceCollection services)
    {
        services.TryAddSingleton<RestRateLimits>();
        services.TryAddSingleton<RestGuard>();
        return services;
    }

    public static IEndpointRouteBuilder MapGamma(this IEndpointRouteBuilder app)
    {
        app.MapGet("/markets", GammaMarketEndpoints.List).Guarded(RestEndpointGroup.GammaMarkets);
        app.MapGet("/markets/keyset", GammaMarketEndpoints.Keyset).Guarded(RestEndpointGroup.GammaMarkets);
        app.MapGet("/markets/slug/{slug}", GammaMarketEndpoints.BySlug).Guarded(RestEndpointGroup.GammaMarkets);
        app.MapGet("/markets/{id}", GammaMarketEndpoints.ById).Guarded(RestEndpointGroup.GammaMarkets);
        app.MapGet("/events", GammaEventEndpoints.List).Guarded(RestEndpointGroup.GammaEvents);
        app.MapGet("/events/keyset", GammaEventEndpoints.Keyset).Guarded(RestEndpointGroup.GammaEvents);
        app.MapGet("/events/slug/{slug}", GammaEventEndpoints.BySlug).Guarded(RestEndpointGroup.GammaEvents);
        app.MapGet("/events/{id}", GammaEventEndpoints.ById).Guarded(RestEndpointGroup.GammaEvents);
        app.MapGet("/series", GammaCatalogEndpoints.SeriesList).Guarded(RestEndpointGroup.GammaGeneral);
        app.MapGet("/series/{id}", GammaCatalogEndpoints.SeriesById).Guarded(RestEndpointGroup.GammaGeneral);
        app.MapGet("/tags", GammaCatalogEndpoints.Tags).Guarded(RestEndpointGroup.GammaTags);
        app.MapGet("/tags/slug/{slug}", (string slug, MarketEngine engine) => GammaCatalogEndpoints.Tag(l => GammaTags.SlugOf(l) == slug, engine))
            .Guarded(RestEndpointGroup.GammaTags);
        app.MapGet("/tags/{id}", (string id, MarketEngine engine) => GammaCatalogEndpoints.Tag(l => GammaTags.IdOf(l) == id, engine))
            .Guarded(RestEndpointGroup.GammaTags);
        return app;
    }
}
