using Polly;
using Polly.Retry;
using Polytape.Archive;

namespace Polytape.Collector.Discovery;

/// <summary>One attempt (permit, send, read, archive) and the retry pipeline around it.</summary>
public sealed partial class GammaClient
{
    private async ValueTask<GammaResponse> SendOnceAsync(Uri uri, CancellationToken cancellationToken)
    {
        await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        Statistics.Sent();
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            Statistics.Completed(status, _time.GetElapsedTime(started));
            await ArchiveAsync(uri, body, cancellationToken).ConfigureAwait(false);
            return new GammaResponse(status, body, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Statistics.Completed(0, _time.GetElapsedTime(started));
            throw new TimeoutException($"Gamma did not answer {uri} within {_options.RequestTimeout}.");
        }
        catch (HttpRequestException)
        {
            Statistics.Completed(0, _time.GetElapsedTime(started));
            throw;
        }
    }

    private ValueTask ArchiveAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        if (_archive is null)
        {
            return ValueTask.CompletedTask;
        }

        var context = uri.ToString();
        if (context.Length > ArchiveRecord.MaxContextLength)
        {
            // Context is a hint; the body itself names the markets.
            context = string.Concat(context.AsSpan(0, ArchiveRecord.MaxContextLength - 3), "...");
        }

        return _archive.AppendAsync(
            new ArchiveRecord
            {
                Kind = ArchiveRecordKind.Rest,
                ReceivedAtMicros = ArchiveRecord.ToMicros(_time.GetUtcNow()),
                Context = context,
                EventType = ArchiveEventType,
                Payload = body,
            },
            cancellationToken);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - _time.GetUtcNow() : null;
    }

    private static ResiliencePipeline<GammaResponse> BuildPipeline(DiscoveryOptions options, TimeProvider time, GammaClientStatistics statistics)
    {
        var builder = new ResiliencePipelineBuilder<GammaResponse> { TimeProvider = time };
        if (options.RetryMaxAttempts == 0)
        {
            return builder.Build();
        }

        var maxDelay = options.RetryMaxDelay;
        return builder.AddRetry(new RetryStrategyOptions<GammaResponse>
        {
            MaxRetryAttempts = options.RetryMaxAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = maxDelay,
            ShouldHandle = static args => ValueTask.FromResult(
                args.Outcome.Exception is HttpRequestException or TimeoutException
                || args.Outcome.Result.IsTransient),
            // Retry-After (the venue sends none, a proxy may) wins over the computed backoff, within the cap.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result.RetryAfter is { } after ? (TimeSpan?)TimeSpan.FromTicks(Math.Clamp(after.Ticks, 0, maxDelay.Ticks)) : null),
            OnRetry = _ =>
            {
                statistics.Retried();
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
