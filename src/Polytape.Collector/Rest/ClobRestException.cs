namespace Polytape.Collector.Rest;

/// <summary>A CLOB REST request failed after its retries, or answered with a status that retrying cannot fix.</summary>
public sealed class ClobRestException : Exception
{
    public ClobRestException()
    {
    }

    public ClobRestException(string message)
        : base(message)
    {
    }

    public ClobRestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ClobRestException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The last HTTP status seen (0 when no response arrived).</summary>
    public int StatusCode { get; }
}
