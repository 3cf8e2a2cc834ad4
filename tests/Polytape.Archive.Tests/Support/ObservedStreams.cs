using Polytape.Archive.Files;

namespace Polytape.Archive.Tests.Support;

/// <summary>A stream factory for the writer that hands out <see cref="ObservedStream"/>s and signals when the first exists.</summary>
public sealed class ObservedStreams(bool gateOpen = true)
{
    private readonly TaskCompletionSource<ObservedStream> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<ObservedStream> All { get; } = [];

    /// <summary>The writer opens its file on the first record, on its own loop: await this rather than polling.</summary>
    public Task<ObservedStream> First => _first.Task.WaitAsync(Archives.Timeout);

    public Stream Create(string path)
    {
        var stream = new ObservedStream(ArchiveStreams.CreateFile(path), gateOpen);
        lock (All)
        {
            All.Add(stream);
        }

        _first.TrySetResult(stream);
        return stream;
    }
}
