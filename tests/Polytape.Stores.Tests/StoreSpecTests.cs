namespace Polytape.Stores.Tests;

public sealed class StoreSpecTests
{
    [Theory]
    [InlineData("sqlite:data/polytape.db", StoreKind.Sqlite, "data/polytape.db")]
    [InlineData("postgresql://u:p@127.0.0.1:5432/polytape", StoreKind.PostgreSql, "postgresql://u:p@127.0.0.1:5432/polytape")]
    [InlineData("postgres://u@db/polytape", StoreKind.PostgreSql, "postgres://u@db/polytape")]
    [InlineData("postgres:Host=127.0.0.1;Database=polytape", StoreKind.PostgreSql, "Host=127.0.0.1;Database=polytape")]
    [InlineData("clickhouse://127.0.0.1:8123/polytape", StoreKind.ClickHouse, "clickhouse://127.0.0.1:8123/polytape")]
    public void Parse_AcceptedForms(string text, StoreKind kind, string target) =>
        Assert.Equal(new StoreSpec(kind, target), StoreSpec.Parse(text));

    [Theory]
    [InlineData("mysql://localhost/db", "is not recognised")]
    [InlineData("sqlite:", "has no path")]
    [InlineData("postgresql://u:secret@host", "is not a PostgreSQL URL")]
    [InlineData("postgres:just-a-name", "Npgsql connection string")]
    public void Parse_BadForms_SayWhatToWrite(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => StoreSpec.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:data/polytape.db", "sqlite:data/polytape.db")]
    [InlineData("postgres:Host=h;Password=secret", "postgres:Host=h;Password=***")]
    [InlineData("clickhouse://u:secret@h:8123/db", "clickhouse://u:***@h:8123/db")]
    public void ToString_IsTheSpecWithoutThePassword(string text, string shown) => Assert.Equal(shown, StoreSpec.Parse(text).ToString());

    [Theory]
    [InlineData("postgresql://user:secret@host:5432/db", "postgresql://user:***@host:5432/db")]
    [InlineData("Host=h;Password=secret;Database=d", "Host=h;Password=***;Database=d")]
    public void Redact_HidesPasswords(string text, string redacted) => Assert.Equal(redacted, StoreSpec.Redact(text));
}
