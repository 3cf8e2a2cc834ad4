using Microsoft.AspNetCore.Http;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Rest;

/// <summary>
/// What stands in front of every CLOB and Gamma endpoint: the CDN's User-Agent block, the rate limits (delay,
/// then 429) and the injected server errors, in that order. Returns the response to send instead, or null.
/// </summary>
public sealed class RestGuard(SimulatorFaults faults, RestRateLimits limits)
{
    public async ValueTask<IResult?> CheckAsync(HttpContext context, RestEndpointGroup group)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Cloudflare's browser-integrity check refuses Python's default UA (error 1010), a real trap for scripts.
        if (context.Request.Headers.UserAgent.ToString().Contains("Python-urllib", StringComparison.OrdinalIgnoreCase))
        {
            return RestResults.Text("error code: 1010", StatusCodes.Status403Forbidden);
        }

        // No rate-limit headers: the venue sends none (§5.6). 1015 is Cloudflare's rate-limit page.
        if (faults.EnforceRateLimits && !await limits.TryAcquireAsync(group, context.RequestAborted).ConfigureAwait(false))
        {
            return RestResults.Text("error code: 1015", StatusCodes.Status429TooManyRequests);
        }

        var probability = faults.RestServerErrorProbability;
#pragma warning disable CA5394 // Fault injection, not security.
        if (probability > 0 && Random.Shared.NextDouble() < probability)
#pragma warning restore CA5394
        {
            return group is RestEndpointGroup.ClobBook or RestEndpointGroup.ClobBooks
                ? RestResults.Error(StatusCodes.Status500InternalServerError, "error getting the orderbook")
                : RestResults.Text("Service Unavailable", StatusCodes.Status503ServiceUnavailable);
        }

        return null;
    }
}
