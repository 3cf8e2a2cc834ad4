namespace Polytape.Stores.Tests;

public sealed class StoreKindTests
{
    [Fact]
    public void Sqlite_is_the_first_and_default_kind() => Assert.Equal(StoreKind.Sqlite, default(StoreKind));
}
