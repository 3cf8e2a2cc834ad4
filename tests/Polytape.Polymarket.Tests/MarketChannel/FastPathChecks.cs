using System.Text;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>What the fast-path tests check for every shape they cover: the same results as the general reader, under mutation, without allocating.</summary>
internal static class FastPathChecks
{
    // Structural bytes, digits and an escape: mutations that stress where the two paths could disagree.
    private const string Alphabet = "\",:{}[] 0123456789.abx\\\n";

    /// <summary>Copies of <paramref name="text"/> with 1–3 bytes replaced, reproducibly from <paramref name="seed"/>.</summary>
    public static IEnumerable<byte[]> Mutations(string text, int seed, int rounds)
    {
        var random = new Random(seed);
        var source = Encoding.UTF8.GetBytes(text);
        for (var round = 0; round < rounds; round++)
        {
            var frame = source.ToArray();
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                frame[random.Next(frame.Length)] = (byte)Alphabet[random.Next(Alphabet.Length)];
            }

            yield return frame;
        }
    }

    /// <summary>Parses <paramref name="text"/> 1,100 times; the last 1,000 must allocate nothing and every one must count an event of <paramref name="type"/>.</summary>
    public static void AssertParsedWithoutAllocating(string text, MarketEventType type)
    {
        var parser = new MarketFrameParser();
        var handler = new ChecksumHandler();
        var frame = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < 100; i++)
        {
            parser.Parse(frame, handler);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            parser.Parse(frame, handler);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_100, parser.Statistics.EventsOf(type));
    }
}
