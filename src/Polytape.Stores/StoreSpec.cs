namespace Polytape.Stores;

/// <summary>
/// Where to load: <c>sqlite:PATH</c>, <c>postgresql://user:pass@host:port/db</c> (or <c>postgres://…</c>, or an Npgsql
/// connection string after <c>postgres:</c>), or <c>clickhouse://[user:pass@]host:port/db</c> (the HTTP interface).
/// </summary>
public sealed record StoreSpec(StoreKind Kind, string Target)
{
    public const string Syntax =
        "sqlite:PATH, postgresql://user:password@host:port/database, postgres:<Npgsql connection string>, or clickhouse://host:port/database";

    /// <summary>Parses a store spec; throws <see cref="FormatException"/> with the accepted forms when it is not one.</summary>
    public static StoreSpec Parse(string text)
    {
        if (TryParse(text, out var spec, out var error))
        {
            return spec;
        }

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out StoreSpec spec, out string error)
    {
        spec = null!;
        error = string.Empty;
        text = text?.Trim() ?? string.Empty;
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.Length == 0)
            {
                error = "store 'sqlite:' has no path: write sqlite:data/polytape.db.";
                return false;
            }

            spec = new StoreSpec(StoreKind.Sqlite, path);
            return true;
        }

        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0)
            {
                error = $"store '{Redact(text)}' is not a PostgreSQL URL: write postgresql://user:password@host:5432/database.";
                return false;
            }

            spec = new StoreSpec(StoreKind.PostgreSql, text);
            return true;
        }

        if (text.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = text["postgres:".Length..];
            if (!connectionString.Contains('=', StringComparison.Ordinal))
            {
                error = "store 'postgres:…' needs an Npgsql connection string such as postgres:Host=127.0.0.1;Port=5432;Database=polytape;Username=polytape.";
                return false;
            }

            spec = new StoreSpec(StoreKind.PostgreSql, connectionString);
            return true;
        }

        if (text.StartsWith("clickhouse://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                error = $"store '{Redact(text)}' is not a ClickHouse URL: write clickhouse://host:8123/database.";
                return false;
            }

            spec = new StoreSpec(StoreKind.ClickHouse, text);
            return true;
        }

        error = $"store '{Redact(text)}' is not recognised: use {Syntax}.";
        return false;
    }

    /// <summary>The spec without a password, for messages.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (scheme >= 0 && at > scheme)
        {
            var colon = text.IndexOf(':', scheme + 3);
            if (colon > 0 && colon < at)
            {
                return string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at));
            }
        }

        var password = text.IndexOf("password=", StringComparison.OrdinalIgnoreCase);
        if (password >= 0)
        {
            var end = text.IndexOf(';', password);
            return string.Concat(text.AsSpan(0, password + "password=".Length), "***", end < 0 ? string.Empty : text[end..]);
        }

        return text;
    }

    /// <summary>The spec as written on the command line, password hidden.</summary>
    public override string ToString() => Kind switch
    {
        StoreKind.Sqlite => "sqlite:" + Target,
        StoreKind.PostgreSql when !Target.Contains("://", StringComparison.Ordinal) => "postgres:" + Redact(Target),
        _ => Redact(Target),
    };
}
