using System.Text;
using Polytape.Domain.Identifiers;

namespace Polytape.Domain.Tests.Identifiers;

public sealed class Utf8KeyComparerTests
{
    private const string TokenA = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
    private const string TokenB = "3329029450753225654467003002742946394863848082479209219558348197750220015613";

    // Same length and same last 16 bytes as TokenA, so the two hash alike and only Equals tells them apart.
    private const string TokenASameTail = "14022367472047775158269173293876979533288470167463650966689320774843018181757";

    private static readonly string[] Keys = [TokenA, TokenB, TokenASameTail, "book", "price_change", "", "0123456789abcdef", "x"];

    [Fact]
    public void AlternateLookup_SpanOfKeyBytes_FindsKeyByContent()
    {
        var map = BuildMap();
        var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();

        for (var i = 0; i < Keys.Length; i++)
        {
            // Fresh arrays: content, not reference, must match.
            Assert.True(lookup.TryGetValue(Encoding.UTF8.GetBytes(Keys[i]), out var value), Keys[i]);
            Assert.Equal(i, value);
        }
    }

    [Fact]
    public void AlternateLookup_SliceOfAFrame_FindsKey()
    {
        var lookup = BuildMap().GetAlternateLookup<ReadOnlySpan<byte>>();
        var frame = Encoding.UTF8.GetBytes($"{{\"asset_id\":\"{TokenB}\",\"event_type\":\"book\"}}");
        var idStart = "{\"asset_id\":\"".Length;

        Assert.True(lookup.TryGetValue(frame.AsSpan(idStart, TokenB.Length), out var token));
        Assert.Equal(1, token);
        Assert.True(lookup.TryGetValue(frame.AsSpan(frame.Length - "book\"}".Length, 4), out var eventType));
        Assert.Equal(3, eventType);
    }

    [Theory]
    [InlineData("book ")]
    [InlineData("boo")]
    [InlineData("94022367472047775158269173293876979533288470167463650966689320774843018181758")]
    [InlineData("4022367472047775158269173293876979533288470167463650966689320774843018181757")]
    [InlineData("24022367472047775158269173293876979533288470167463650966689320774843018181757")]
    public void AlternateLookup_AbsentKey_IsNotFound(string key)
    {
        var lookup = BuildMap().GetAlternateLookup<ReadOnlySpan<byte>>();

        Assert.False(lookup.TryGetValue(Encoding.UTF8.GetBytes(key), out _));
        Assert.False(lookup.ContainsKey(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void AlternateLookup_TryAddBySpan_CopiesKeyIntoMap()
    {
        var map = new Dictionary<byte[], int>(Utf8KeyComparer.Instance);
        var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();
        var buffer = Encoding.UTF8.GetBytes(TokenA);

        Assert.True(lookup.TryAdd(buffer, 7));
        buffer[0] = (byte)'1'; // The pooled buffer is reused: the map must own its copy.

        Assert.True(map.TryGetValue(Encoding.UTF8.GetBytes(TokenA), out var value));
        Assert.Equal(7, value);
        Assert.False(lookup.TryAdd(Encoding.UTF8.GetBytes(TokenA), 8));
    }

    [Fact]
    public void EqualsAndGetHashCode_ArrayAndSpanForms_Agree()
    {
        var comparer = Utf8KeyComparer.Instance;
        foreach (var key in Keys)
        {
            var array = Encoding.UTF8.GetBytes(key);
            var copy = Encoding.UTF8.GetBytes(key);
            ReadOnlySpan<byte> span = copy;

            Assert.True(comparer.Equals(array, copy));
            Assert.True(comparer.Equals(span, array));
            Assert.Equal(comparer.GetHashCode(array), comparer.GetHashCode(copy));
            Assert.Equal(comparer.GetHashCode(array), comparer.GetHashCode(span));
            Assert.Equal(array, comparer.Create(span));
        }
    }

    [Fact]
    public void Equals_DifferentContentOrNull_IsFalse()
    {
        var comparer = Utf8KeyComparer.Instance;
        var a = Encoding.UTF8.GetBytes(TokenA);

        Assert.False(comparer.Equals(a, Encoding.UTF8.GetBytes(TokenASameTail)));
        Assert.False(comparer.Equals(a, null));
        Assert.False(comparer.Equals(null, a));
        Assert.True(comparer.Equals(null, null));
        Assert.False(comparer.Equals("book"u8, Encoding.UTF8.GetBytes("boo")));
    }

    // Short keys are hashed whole: keys that differ only in length (trailing NUL padding) must not collide.
    [Fact]
    public void GetHashCode_ShortKeysDifferingOnlyByTrailingZeroBytes_Differ()
    {
        var comparer = Utf8KeyComparer.Instance;

        Assert.NotEqual(comparer.GetHashCode("ab"u8), comparer.GetHashCode("ab\0"u8));
        Assert.NotEqual(comparer.GetHashCode(""u8), comparer.GetHashCode("\0"u8));
    }

    [Fact]
    public void Dictionary_ManyRandomTokenIds_AllFoundBySpan()
    {
        var random = new Random(5);
        var map = new Dictionary<byte[], int>(Utf8KeyComparer.Instance);
        var keys = new List<byte[]>();
        for (var i = 0; i < 2000; i++)
        {
            var key = new byte[random.Next(1, 79)];
            for (var j = 0; j < key.Length; j++)
            {
                key[j] = (byte)('0' + random.Next(10));
            }

            if (map.TryAdd(key, i))
            {
                keys.Add(key);
            }
        }

        var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();
        foreach (var key in keys)
        {
            Assert.True(lookup.TryGetValue((byte[])key.Clone(), out var value));
            Assert.Equal(map[key], value);
        }
    }

    private static Dictionary<byte[], int> BuildMap()
    {
        var map = new Dictionary<byte[], int>(Utf8KeyComparer.Instance);
        for (var i = 0; i < Keys.Length; i++)
        {
            map.Add(Encoding.UTF8.GetBytes(Keys[i]), i);
        }

        return map;
    }
}
