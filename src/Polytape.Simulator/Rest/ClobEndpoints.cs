using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Rest;

/// <summary>
/// The CLOB's public REST endpoints at the root (polymarket-protocol.md §5), each behind the <see cref="RestGuard"/>
/// of its rate-limit group. Bodies are serialised with the project's own wire models, so they have the shapes the
/// collector parses.
/// </summary>
public static class ClobEndpoints
{
    /// <summary>Registers what the CLOB and Gamma endpoints share (guard, limits) and the CLOB's own services.</summary>
    public static IServiceCollection AddClobRest(this IServiceCollection services)
    {
        services.TryAddSingleton<RestRateLimits>();
        services.TryAddSingleton<RestGuard>();
        services.TryAddSingleton<ServedBooks>();
        services.TryAddSingleton<PriceHistoryRecorder>();
        return services;
    }

    public static IEndpointRouteBuilder MapClobRest(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Start sampling prices with the simulator, not at the first history request.
        _ = app.ServiceProvider.GetRequiredService<PriceHistoryRecorder>();

        app.MapGet("/book", ClobBookEndpoints.Book).Guarded(RestEndpointGroup.ClobBook);
        app.MapPost("/books", ClobBookEndpoints.BooksAsync).Guarded(RestEndpointGroup.ClobBooks);
        app.MapGet("/books", ClobBookEndpoints.BooksGet).Guarded(RestEndpointGroup.ClobBooks);
        app.MapGet("/midpoint", ClobPriceEndpoints.Midpoint).Guarded(RestEndpointGroup.ClobMidpoint);
        app.MapGet("/spread", ClobPriceEndpoints.Spread).Guarded(RestEndpointGroup.ClobGeneral);
        app.MapGet("/price", ClobPriceEndpoints.Price).Guarded(RestEndpointGroup.ClobPrice);
        app.MapGet("/tick-size", (HttpRequest request, MarketEngine engine) => ClobPriceEndpoints.TickSize(request.Query["token_id"], engine))
            .Guarded(RestEndpointGroup.ClobTickSize);
        app.MapGet("/tick-size/{tokenId}", (string tokenId, MarketEngine engine) => ClobPriceEndpoints.TickSize(tokenId, engine))
            .Guarded(RestEndpointGroup.ClobTickSize);
        app.MapGet("/neg-risk", ClobPriceEndpoints.NegRisk).Guarded(RestEndpointGroup.ClobGeneral);
        app.MapGet("/prices-history", PricesHistoryEndpoint.Get).Guarded(RestEndpointGroup.ClobPricesHistory);
        app.MapGet("/markets", ClobMarketEndpoints.Markets).Guarded(RestEndpointGroup.ClobGeneral);
        app.MapGet("/markets/{conditionId}", ClobMarketEndpoints.Market).Guarded(RestEndpointGroup.ClobGeneral);
        app.MapGet("/time", ClobPriceEndpoints.Time).Guarded(RestEndpointGroup.ClobGeneral);
        app.MapGet("/ok", ClobPriceEndpoints.Ok).Guarded(RestEndpointGroup.Health);
        return app;
    }
}
