using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;

namespace Polytape.Simulator.Admin;

/// <summary>
/// The simulator's own API (not Polymarket's): switch faults and scenarios while running, read the ground
/// truth (true books, what was sent), and make markets resolve mid-session.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/faults", (SimulatorFaults faults) => Json(FaultsJson.Write(faults)));
        app.MapMethods("/faults", ["PUT", "PATCH", "POST"], async (HttpRequest request, SimulatorFaults faults) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            var error = FaultsJson.Apply(document.RootElement, faults);
            return error is null ? Json(FaultsJson.Write(faults)) : Results.BadRequest(error);
        });
        app.MapPost("/scenario/{name}", (string name, SimulatorFaults faults) =>
        {
            if (!Scenarios.Exists(name))
            {
                return Results.NotFound($"unknown scenario '{name}'; known: {string.Join(", ", Scenarios.Names)}");
            }

            Scenarios.Apply(name, faults);
            return Json(FaultsJson.Write(faults));
        });
        app.MapGet("/truth/books/{tokenId}", (string tokenId, MarketEngine engine) =>
        {
            lock (engine.Gate)
            {
                return engine.Universe.TryGetToken(tokenId, out var token)
                    ? Json(PolymarketRestJson.SerializeOrderBook(TokenSummaries.ToWire(token)))
                    : Results.NotFound($"no token '{tokenId}'");
            }
        });
        app.MapPost("/markets/{slug}/resolve", (string slug, MarketEngine engine) =>
        {
            lock (engine.Gate)
            {
                if (!engine.Universe.TryGetMarketBySlug(slug, out var market))
                {
                    return Results.NotFound($"no market '{slug}'");
                }

                engine.ResolveNow(market);
                return Results.Ok();
            }
        });
        app.MapGet("/status", (MarketEngine engine) =>
        {
            lock (engine.Gate)
            {
                var markets = engine.Universe.Markets;
                return Results.Text(
                    $$"""{"events_published":{{engine.EventsPublished}},"markets":{{markets.Count}},"active_markets":{{markets.Count(m => m.Status == MarketStatus.Active)}},"tokens":{{engine.Universe.TokenCount}}}""",
                    "application/json");
            }
        });
        return app;
    }

    private static IResult Json(byte[] utf8) => Results.Bytes(utf8, "application/json");
}
