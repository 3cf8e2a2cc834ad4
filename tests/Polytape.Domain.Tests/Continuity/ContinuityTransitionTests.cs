using Polytape.Domain.Continuity;
using Polytape.Domain.Identifiers;

namespace Polytape.Domain.Tests.Continuity;

public sealed class ContinuityTransitionTests
{
    [Fact]
    public void Equals_SameFields_EqualAsValues()
    {
        var token = AssetId.Parse("94022367472047775158269173293876979533288470167463650966689320774843018181757");
        var a = new ContinuityTransition(token, ContinuityState.Live, ContinuityState.Suspect, ContinuityCause.HashMismatch, 3, 1761179949036);
        var b = new ContinuityTransition(AssetId.Parse(token.ToString()), ContinuityState.Live, ContinuityState.Suspect, ContinuityCause.HashMismatch, 3, 1761179949036);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Epoch = 4 });
        Assert.NotEqual(a, b with { Cause = ContinuityCause.CrossedBook });
        Assert.True(typeof(ContinuityTransition).IsValueType);
    }
}
