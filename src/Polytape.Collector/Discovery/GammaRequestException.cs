namespace Polytape.Collector.Discovery;

/// <summary>A Gamma request that failed for good: retries exhausted, or an answer retrying cannot fix (4xx, unreadable body).</summary>
public sealed class GammaRequestException : Exception
{
    public GammaRequestException()
    {
    }

    public GammaRequestException(string message)
        : base(message)
    {
    }

    public GammaRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public GammaRequestException(Uri uri, int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Uri = uri;
        StatusCode = statusCode;
    }

    public Uri? Uri { get; }

    /// <summary>The last HTTP status; 0 for transport errors and timeouts.</summary>
    public int StatusCode { get; }
}
