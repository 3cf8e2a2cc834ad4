using System.Globalization;
using System.Numerics;
using System.Text;

namespace Polytape.Simulator.Universe;

/// <summary>Venue-shaped identifiers from a seeded generator: 77–78 digit token ids, 0x condition ids, small Gamma ids.</summary>
internal sealed class IdFactory(Random random)
{
    private int _nextGammaId = 500_000;
    private int _nextEventId = 20_000;

    public string TokenId()
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[31] |= 0x80; // top bit set: always 77–78 digits, like keccak-derived ids
        return new BigInteger(bytes, isUnsigned: true).ToString(CultureInfo.InvariantCulture);
    }

    public string Hex32()
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        var hex = new StringBuilder("0x", 66);
        foreach (var b in bytes)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    public string GammaMarketId() => (_nextGammaId++).ToString(CultureInfo.InvariantCulture);

    public string GammaEventId() => (_nextEventId++).ToString(CultureInfo.InvariantCulture);
}
