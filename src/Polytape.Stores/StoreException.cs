namespace Polytape.Stores;

/// <summary>A store could not be reached, authenticated or written; the message says what to fix.</summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when retrying later may succeed (server down, network); false for bad credentials or a bad spec.</summary>
    public bool IsTransient { get; init; } = true;
}
