namespace Polytape.Collector.Discovery;

/// <summary>One attempt's answer, body already read (so retries need not dispose anything).</summary>
internal readonly record struct GammaResponse(int StatusCode, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>429 and 5xx are worth another try; other 4xx are the request's fault.</summary>
    public bool IsTransient => StatusCode == 429 || StatusCode >= 500;
}
