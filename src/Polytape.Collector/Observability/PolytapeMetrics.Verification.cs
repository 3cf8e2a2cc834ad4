using System.Diagnostics.Metrics;
using Polytape.Collector.Rest;
using Polytape.Collector.Verification;

namespace Polytape.Collector.Observability;

/// <summary>REST client and verifier instruments.</summary>
public sealed partial class PolytapeMetrics
{
    /// <summary>CLOB REST requests (each attempt), failures after retries, retries.</summary>
    public void ObserveRest(ClobRestClient rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        Meter.CreateObservableCounter("polytape_rest_requests_total", () => rest.Requests, description: "CLOB REST requests sent (each attempt).");
        Meter.CreateObservableCounter("polytape_rest_failures_total", () => rest.Failures, description: "CLOB REST calls that failed after their retries.");
        Meter.CreateObservableCounter("polytape_rest_retries_total", () => rest.Retries, description: "CLOB REST retries after 429, 5xx, timeouts or connection failures.");
    }

    /// <summary>The REST verifier's findings.</summary>
    public void ObserveVerifier(RestVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        Volatile.Write(ref _verifier, verifier);
        Meter.CreateObservableCounter("polytape_rest_checks_total", () => verifier.Checks, description: "Local books compared with the venue's REST books.");
        Meter.CreateObservableCounter("polytape_rest_matches_total", () => verifier.Matches, description: "REST comparisons with equal levels and a reproduced hash.");
        Meter.CreateObservableCounter("polytape_rest_hash_mismatches_total", () => verifier.HashMismatches, description: "Equal levels whose REST hash did not reproduce.");
        Meter.CreateObservableCounter("polytape_rest_resyncs_total", () => verifier.ResyncsRequested, description: "Resyncs the verifier requested.");
        Meter.CreateObservableCounter(
            "polytape_rest_findings_total",
            () => new[]
            {
                Finding("quiet_market", verifier.QuietConfirmed),
                Finding("frozen_feed", verifier.FrozenDetected),
                Finding("in_flight", verifier.ExplainedInFlight),
                Finding("rest_behind", verifier.Inconclusive),
            },
            description: "What REST comparisons told apart: quiet markets, frozen feeds, updates in flight, stale REST views.");
    }

    private static Measurement<long> Finding(string finding, long value) => new(value, new KeyValuePair<string, object?>("finding", finding));
}
