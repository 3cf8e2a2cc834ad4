namespace Polytape.Cli.Checking;

/// <summary>A capture that cannot be read at all: the one failure that makes <c>check</c> exit non-zero.</summary>
public sealed class CaptureUnreadableException : Exception
{
    public CaptureUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaptureUnreadableException()
    {
    }

    public CaptureUnreadableException(string message)
        : base(message)
    {
    }
}
