using System.Net.Sockets;
using Npgsql;

namespace Polytape.Stores.Postgres;

/// <summary>Connection strings from store specs, and Npgsql failures turned into messages that say what to fix.</summary>
internal static class PostgresConnections
{
    /// <summary>Unreachable servers should fail a `load` in seconds, not after Npgsql's default 15 s.</summary>
    private const int DefaultTimeoutSeconds = 5;

    /// <summary>A <c>postgresql://user:password@host:port/database?key=value</c> URL or an Npgsql connection string.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string target)
    {
        NpgsqlConnectionStringBuilder builder;
        if (target.Contains("://", StringComparison.Ordinal))
        {
            var uri = new Uri(target);
            builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host,
                Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
            };
            var userInfo = uri.UserInfo.Split(':', 2);
            if (userInfo[0].Length > 0)
            {
                builder.Username = Uri.UnescapeDataString(userInfo[0]);
            }

            if (userInfo.Length > 1)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[1]);
            }

            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                try
                {
                    builder[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
                }
                catch (ArgumentException e)
                {
                    throw new StoreException($"PostgreSQL URL option '{parts[0]}' is not an Npgsql connection setting: {e.Message}") { IsTransient = false };
                }
            }
        }
        else
        {
            try
            {
                builder = new NpgsqlConnectionStringBuilder(target);
            }
            catch (ArgumentException e)
            {
                throw new StoreException($"'{StoreSpec.Redact(target)}' is not an Npgsql connection string: {e.Message}") { IsTransient = false };
            }
        }

        if (!target.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = DefaultTimeoutSeconds;
        }

        return builder;
    }

    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";

    /// <summary>A failure as a <see cref="StoreException"/>: unreachable and timeouts are transient; credentials, a missing database or a bad schema are not.</summary>
    public static StoreException Translate(Exception e, string where, string doing)
    {
        switch (e)
        {
            case StoreException store:
                return store;
            case PostgresException { SqlState: "28P01" or "28000" } auth:
                return new StoreException($"PostgreSQL at {where} rejected the login ({auth.MessageText}): fix the user name or password in the store spec.", e) { IsTransient = false };
            case PostgresException { SqlState: "3D000" } missing:
                return new StoreException($"PostgreSQL at {where}: {missing.MessageText}. Create it first (createdb) or name an existing database.", e) { IsTransient = false };
            case PostgresException { SqlState: "42501" } denied:
                return new StoreException($"PostgreSQL at {where}: {denied.MessageText}. Grant the user CREATE on the database, or load as its owner.", e) { IsTransient = false };
            case PostgresException other:
                return new StoreException($"PostgreSQL at {where} failed while {doing}: {other.SqlState} {other.MessageText}", e) { IsTransient = other.IsTransient };
            case NpgsqlException { InnerException: SocketException socket }:
                return new StoreException($"cannot reach PostgreSQL at {where}: {socket.Message}. Is the server running and listening there?", e);
            case NpgsqlException { InnerException: TimeoutException } or TimeoutException:
                return new StoreException($"PostgreSQL at {where} did not answer in time while {doing}. Is the host right and the server up?", e);
            case NpgsqlException npgsql:
                return new StoreException($"PostgreSQL at {where} failed while {doing}: {npgsql.Message}", e) { IsTransient = npgsql.IsTransient };
            case SocketException socket:
                return new StoreException($"cannot reach PostgreSQL at {where}: {socket.Message}. Is the server running and listening there?", e);
            default:
                return new StoreException($"PostgreSQL at {where} failed while {doing}: {e.Message}", e);
        }
    }
}
