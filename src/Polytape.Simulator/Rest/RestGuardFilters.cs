using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Polytape.Simulator.Rest;

/// <summary>Attaches the <see cref="RestGuard"/> of an endpoint group to a route.</summary>
public static class RestGuardFilters
{
    public static RouteHandlerBuilder Guarded(this RouteHandlerBuilder builder, RestEndpointGroup group) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var guard = context.HttpContext.RequestServices.GetRequiredService<RestGuard>();
            var refusal = await guard.CheckAsync(context.HttpContext, group).ConfigureAwait(false);
            return refusal ?? await next(context).ConfigureAwait(false);
        });
}
