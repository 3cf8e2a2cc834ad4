namespace Polytape.Archive;

/// <summary>
/// Where records go to be archived. <see cref="ArchiveWriter"/> is the real one; the payload is copied before
/// <see cref="AppendAsync"/> returns, and a full queue makes it wait rather than drop.
/// </summary>
public interface IArchiveAppender
{
    ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default);
}
