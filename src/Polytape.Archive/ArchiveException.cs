namespace Polytape.Archive;

/// <summary>The archive cannot go on (directory not writable, disk full, a sealed file that fails to read); the message says what to do.</summary>
public sealed class ArchiveException : Exception
{
    public ArchiveException()
    {
    }

    public ArchiveException(string message)
        : base(message)
    {
    }

    public ArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
