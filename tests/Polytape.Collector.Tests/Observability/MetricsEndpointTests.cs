using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Polytape.Archive;
using Polytape.Collector.Ingest;
using Polytape.Collector.Observability;
using Polytape.Collector.Rest;
using Polytape.Collector.Tests.Ingest;
using Polytape.Collector.Verification;

namespace Polytape.Collector.Tests.Observability;

/// <summary>/metrics on a real Kestrel listener, scraped after some ingest.</summary>
[Collection(ProcessWideMetersCollection.Name)]
public sealed partial class MetricsEndpointTests
{
    private static readonly string[] MetricTypes = ["counter", "gauge", "histogram", "summary", "untyped"];

    [Fact]
    public async Task Scrape_AfterIngest_ShowsTheFamiliesAndValues_InValidPrometheusText()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPolytapeMetrics();
        await using var app = builder.Build();
        MetricsEndpoint.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var directory = new TempDirectory();
        await using var writer = await ArchiveWriter.OpenAsync(new ArchiveOptions { Directory = directory.Path });
        using var metrics = new PolytapeMetrics(app.Services.GetRequiredService<IMeterFactory>());
        using var pipeline = new IngestPipeline(writer, TimeProvider.System, new IngestOptions { GroupCheckInterval = TimeSpan.Zero }, metrics: metrics);
        using var http = new HttpClient();
        using var rest = new ClobRestClient(http, writer, TimeProvider.System);
        metrics.ObserveIngest(pipeline);
        metrics.ObserveArchive(writer);
        metrics.ObserveRest(rest);
        metrics.ObserveVerifier(new RestVerifier(pipeline, rest, new NoResync(), TimeProvider.System));
        metrics.ObservePool(() => 3, () => 2, () => 1, () => 4, () => 5);
        metrics.ObserveDiscovery(() => 40, () => 42, () => 2);
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("51"), sequence: 1), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("51", "0.41", "2"), sequence: 2), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("51", "0.42", "2", timestamp: 3000), sequence: 3), default);
        await pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 4), default);
        await pipeline.OnFrameAsync(Frames.Of("{not json", sequence: 5), default);
        await pipeline.InvokeAsync(_ => 0);

        await writer.FlushAsync();
        var text = await http.GetStringAsync(new Uri(new Uri(address), MetricsEndpoint.Path));
        await pipeline.CompleteAsync();
        await run;

        AssertValidExposition(text);
        Assert.Equal(1, Sample(text, "polytape_messages_total", "event_type=\"book\""));
        Assert.Equal(2, Sample(text, "polytape_messages_total", "event_type=\"price_change\""));
        Assert.Equal(0, Sample(text, "polytape_messages_total", "event_type=\"unknown\""));
        Assert.Equal(5, Sample(text, "polytape_frames_total"));
        Assert.Equal(1, Sample(text, "polytape_malformed_frames_total"));
        Assert.Equal(1, Sample(text, "polytape_control_frames_total", "kind=\"pong\""));
        Assert.Equal(1, Sample(text, "polytape_continuity_assets", "state=\"live\""));
        Assert.Equal(5, Sample(text, "polytape_receive_latency_seconds_count"));
        Assert.Equal(3, Sample(text, "polytape_reconnects_total"));
        Assert.Equal(1, Sample(text, "polytape_stale_assets"));
        Assert.Equal(4, Sample(text, "polytape_connection_replacements_total"));
        Assert.Equal(5, Sample(text, "polytape_quiet_backoffs_total"));
        Assert.Equal(40, Sample(text, "polytape_discovery_tokens_active"));
        Assert.Equal(2, Sample(text, "polytape_discovery_tokens_removed_total"));
        Assert.Equal(6, Sample(text, "polytape_archive_records_total")); // five frames and the book's transition to Live
        Assert.True(Sample(text, "polytape_archive_bytes_total") > 0);
        Assert.Equal(0, Sample(text, "polytape_archive_queue_depth"));
        Assert.Equal(0, Sample(text, "polytape_ingest_queue_depth"));
        Assert.Equal(0, Sample(text, "polytape_ingest_queue_bytes"));
        Assert.Equal(0, Sample(text, "polytape_rest_requests_total"));
        Assert.Equal(0, Sample(text, "polytape_check_mismatches_total", "check=\"rest\""));
        Assert.Equal(0, Sample(text, "polytape_check_mismatches_total", "check=\"hash\""));
        Assert.Equal(0, Sample(text, "polytape_rest_findings_total", "finding=\"frozen_feed\""));
        Assert.Contains("# TYPE polytape_messages_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE polytape_receive_latency_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE polytape_continuity_assets gauge", text, StringComparison.Ordinal);
        await app.StopAsync();
    }

    private sealed class NoResync : IResyncRequester
    {
        public ValueTask ResubscribeAsync(string assetId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sample(string text, string name, string label = "")
    {
        var values = text.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count == 1, $"expected one sample of {name}{{{label}}} in:\n{text}");
        return values[0];
    }

    /// <summary>What promtool checks first: every family has HELP and TYPE before its samples; every line parses; counters end in _total.</summary>
    private static void AssertValidExposition(string text)
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helped.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], MetricTypes);
                typed.Add(parts[2], parts[3]);
                if (parts[3] == "counter")
                {
                    Assert.EndsWith("_total", parts[2], StringComparison.Ordinal);
                }

                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            var family = typed.Keys.FirstOrDefault(f => name == f || (typed[f] == "histogram" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")));
            Assert.True(family is not null, $"sample {name} has no TYPE line before it");
            if (name.StartsWith("polytape_", StringComparison.Ordinal))
            {
                Assert.Contains(family, helped);
            }
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|[+-]Inf)( [0-9]+)?$""")]
    private static partial Regex SampleLine();
}
