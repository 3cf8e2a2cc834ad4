using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>
/// Cut and damaged real frames: the parser never throws, dispatches exactly what it reports, and
/// counts every frame. Failures name the frame and the seed, so they replay exactly.
/// </summary>
public sealed class MarketFrameParserFuzzTests
{
    /// <summary>Frames up to this size are cut at every length; larger ones at a sample of lengths.</summary>
    private const int EveryLengthLimit = 2048;

    private const int MutationRounds = 4000;
    private const int BaseSeed = 20_251_223;

    /// <summary>Bytes that make JSON interesting to damage, besides random ones.</summary>
    private static readonly byte[] Interesting = "{}[]\":,.-+0123456789eE\\ \t\nnulltruefalse\"\"BUYSELL"u8.ToArray();

    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();
    private long _calls;

    [Fact]
    public void Parse_EveryTruncation_IsEmptyOrMalformedAndNeverThrows()
    {
        foreach (var (name, frame) in MarketChannelFrames.All())
        {
            var contentEnd = frame.AsSpan().TrimEnd(" \t\r\n"u8).Length;
            foreach (var length in Lengths(frame.Length))
            {
                var result = ParseChecked(frame.AsSpan(0, length), $"{name} cut at {length}");

                var expected = length == 0 ? FrameKind.Empty : length < contentEnd ? FrameKind.Malformed : FrameKind.Events;
                Assert.True(result.Kind == expected, $"{name} cut at {length}: {result}");
            }
        }

        Assert.Equal(_calls, _parser.Statistics.Frames);
        Assert.True(_calls > 10_000, $"only {_calls} truncations were tried");
    }

    [Fact]
    public void Parse_RandomMutations_NeverThrowAndDispatchOnlyWhatTheyReport()
    {
        var frames = MarketChannelFrames.All();
        for (var round = 0; round < MutationRounds; round++)
        {
            var seed = BaseSeed + round;
            var random = new Random(seed);
            var (name, original) = frames[random.Next(frames.Count)];

            ParseChecked(Mutate(original, random), $"{name} mutated with seed {seed}");
        }

        var statistics = _parser.Statistics;
        Assert.Equal(MutationRounds, statistics.Frames);
        Assert.Equal(statistics.Frames, Enum.GetValues<FrameKind>().Sum(kind => statistics.FramesOf(kind)));

        // The damage must reach both outcomes, or this test exercises little.
        Assert.InRange(statistics.FramesOf(FrameKind.Events), MutationRounds / 20, MutationRounds);
        Assert.InRange(statistics.FramesOf(FrameKind.Malformed), MutationRounds / 4, MutationRounds);
    }

    private FrameParseResult ParseChecked(ReadOnlySpan<byte> frame, string context)
    {
        _handler.Clear();
        FrameParseResult result;
        try
        {
            result = _parser.Parse(frame, _handler);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{context}: Parse threw {ex}");
            throw;
        }

        _calls++;
        Assert.True(result.Kind == FrameKind.Malformed == (result.Error is not null), $"{context}: {result}");
        var expectedEvents = result.Kind == FrameKind.Events ? result.EventCount : 0;
        Assert.True(_handler.Events.Count == expectedEvents, $"{context}: {result} but {_handler.Events.Count} events dispatched");
        return result;
    }

    private static IEnumerable<int> Lengths(int frameLength)
    {
        for (var length = 0; length <= frameLength; length++)
        {
            // Big frames: both ends whole (structure opens and closes there), every 7th length between.
            if (frameLength <= EveryLengthLimit || length < 512 || length > frameLength - 512 || length % 7 == 0)
            {
                yield return length;
            }
        }
    }

    /// <summary>One to four replacements, insertions, deletions or duplications of random spans.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var operations = random.Next(1, 5);
        for (var i = 0; i < operations && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = Pick(random);
                    break;
                case 1:
                    bytes.Insert(at, Pick(random));
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 9), bytes.Count - at));
                    break;
                case 3:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    // A digit for another digit keeps the JSON valid and tests the values instead.
                    var digit = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
                    if (digit >= 0)
                    {
                        bytes[digit] = (byte)('0' + random.Next(10));
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static byte Pick(Random random) =>
        random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
}
