using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

public sealed class SchemaDriftTests
{
    [Fact]
    public void CountEventType_EmptyName_IsCountedAsMissing()
    {
        var drift = new SchemaDrift();

        drift.CountEventType([]);
        drift.CountEventType("x"u8);
        drift.CountEventType([]);

        Assert.Equal(new Dictionary<string, long> { ["(missing)"] = 2, ["x"] = 1 }, drift.EventTypeCounts());
        Assert.Equal(3, drift.UnknownEventTypes);
    }

    [Fact]
    public void CountField_MoreDistinctNamesThanBound_CountsTheRestAsOverflow()
    {
        var drift = new SchemaDrift();
        const int Extra = 44;

        for (var i = 0; i < SchemaDrift.MaxDistinctNames + Extra; i++)
        {
            drift.CountField("book"u8, System.Text.Encoding.UTF8.GetBytes($"k{i}"));
        }

        drift.CountField("book"u8, "k0"u8);

        var counts = drift.FieldCounts();
        Assert.Equal(SchemaDrift.MaxDistinctNames, counts.Count);
        Assert.Equal(2, counts["book.k0"]);
        Assert.False(counts.ContainsKey($"book.k{SchemaDrift.MaxDistinctNames}"));
        Assert.Equal(Extra, drift.Overflow);
        Assert.Equal(SchemaDrift.MaxDistinctNames + Extra + 1, drift.UnknownFields);
    }

    [Fact]
    public void CountField_VeryLongNames_AreTruncatedNotRejected()
    {
        var drift = new SchemaDrift();

        drift.CountField(Enumerable.Repeat((byte)'c', 100).ToArray(), Enumerable.Repeat((byte)'k', 500).ToArray());

        var name = Assert.Single(drift.FieldCounts()).Key;
        Assert.Equal(128, name.Length);
        Assert.Equal(new string('c', 63) + "." + new string('k', 64), name);
    }
}
