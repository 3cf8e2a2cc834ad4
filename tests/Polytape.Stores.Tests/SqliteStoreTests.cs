using Polytape.Stores.Sqlite;

namespace Polytape.Stores.Tests;

public sealed class SqliteStoreTests : StoreContractTests
{
    protected override IStore CreateStore() => new SqliteStore(Temp.Combine("store.db"));

    protected override IStore CreateSecondStore() => new SqliteStore(Temp.Combine("second.db"));
}
