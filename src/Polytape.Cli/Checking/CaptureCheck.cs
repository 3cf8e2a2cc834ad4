using Polytape.Collector.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Cli.Checking;

/// <summary>
/// Runs capture files through the frame parser and one book keeper, in order, as if they were one
/// session, and keeps what a report needs. Malformed frames are counted and a few are kept as examples.
/// </summary>
public sealed class CaptureCheck
{
    /// <summary>Enough examples to diagnose a broken capture without flooding the report.</summary>
    public const int MaxMalformedExamples = 10;

    private readonly List<MalformedFrame> _malformed = [];

    public CaptureCheck(BookKeeperOptions options)
    {
        Keeper = new BookKeeper(options);
    }

    public readonly record struct MalformedFrame(string File, int Position, string Error);

    public MarketFrameParser Parser { get; } = new();

    public BookKeeper Keeper { get; }

    public List<string> Files { get; } = [];

    public IReadOnlyList<MalformedFrame> MalformedExamples => _malformed;

    /// <exception cref="CaptureUnreadableException">The file cannot be read.</exception>
    public void Add(string path)
    {
        Files.Add(path);
        foreach (var frame in CaptureReader.Read(path))
        {
            var result = Parser.Parse(frame.Bytes, Keeper);
            if (result.Kind == FrameKind.Malformed && _malformed.Count < MaxMalformedExamples)
            {
                _malformed.Add(new MalformedFrame(path, frame.Position, result.Error ?? "malformed"));
            }
        }
    }

    /// <summary>Closes every open price_change group so its check is counted.</summary>
    public void Complete() => Keeper.Flush();
}
