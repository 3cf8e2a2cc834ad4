using System.Globalization;
using System.Text;
using Polytape.Stores.ClickHouse;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

/// <summary>Ids become keys: our SipHash must equal the server's <c>sipHash64</c>, and each new id is sent to <c>ids</c> once.</summary>
public sealed class ClickHouseKeyTests
{
    [Fact]
    public async Task SipHash_EqualsTheServersSipHash64_ForIdsOfEveryLength()
    {
        var random = new Random(20261202);
        var ids = new List<string>
        {
            string.Empty, "a", "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1",
            "21742633143463906290569050155826241533067272736897614950488156847949938836455", "née", new string('9', 300),
        };
        for (var length = 1; length <= 80; length++)
        {
            ids.Add(new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('0', 'z' + 1))]));
        }

        using var database = new ClickHouseDatabase();
        using var connection = new ClickHouseConnection(database.Spec());
        // Hex-escaped literals keep quotes and backslashes out of the SQL.
        var hashes = ids.Select(id => $"toString(sipHash64(unhex('{Convert.ToHexString(Encoding.UTF8.GetBytes(id))}')))");
        var server = await connection.ExecuteAsync($"SELECT arrayJoin([{string.Join(", ", hashes)}])", CancellationToken.None, inDatabase: false);

        Assert.Equal(ids.Select(id => SipHash.Hash64(id).ToString(CultureInfo.InvariantCulture)), server.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void IdKeys_KeyEqualIdsAlike_AndKeepEachNewIdPendingUntilSent()
    {
        var keys = new IdKeys();
        var first = keys.KeyOf("123");

        Assert.Equal(first, keys.KeyOf(new string("123".AsSpan())));
        Assert.Equal(SipHash.Hash64("123"), first);
        Assert.Equal([(first, "123")], keys.Pending);

        var second = keys.KeyOf("456");
        keys.Sent(1);
        Assert.Equal([(second, "456")], keys.Pending);
        keys.KeyOf("123");
        Assert.Single(keys.Pending);
        keys.Sent(1);
        Assert.Empty(keys.Pending);
    }
}
