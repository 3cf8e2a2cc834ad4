namespace Polytape.Stores.Tests.Support;

/// <summary>
/// The real database servers the store tests run against. <c>./test.sh</c> starts them on loopback and exports their
/// addresses; a test run without them fails and says so rather than passing silently.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "POLYTAPE_TEST_POSTGRES";
    public const string ClickHouseVariable = "POLYTAPE_TEST_CLICKHOUSE";

    /// <summary>An Npgsql connection string to a server where the tests may create databases.</summary>
    public static string Postgres => Require(PostgresVariable, "PostgreSQL");

    /// <summary>The ClickHouse HTTP address, e.g. http://127.0.0.1:8123/.</summary>
    public static string ClickHouse => Require(ClickHouseVariable, "ClickHouse");

    private static string Require(string variable, string server) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: these tests need a real {server} server. Run ./test.sh, which installs and starts one on 127.0.0.1 and sets {variable}.");
}
