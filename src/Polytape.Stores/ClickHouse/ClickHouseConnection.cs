using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface: statements as the request body (or the <c>query</c> parameter with a RowBinary body),
/// basic authentication, the database as a parameter. Server errors ("Code: N, e.displayText() = …") become
/// <see cref="StoreException"/>s that say what to fix.
/// </summary>
internal sealed class ClickHouseConnection : IDisposable
{
    /// <summary>A statement or insert that takes longer than this is treated as the server being unavailable.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly Uri _server;

    public ClickHouseConnection(string target)
    {
        var uri = new Uri(target);
        Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (Database.Length == 0)
        {
            Database = "polytape";
        }

        if (!IsIdentifier(Database))
        {
            throw new StoreException($"ClickHouse database name '{Database}' must be letters, digits and underscores.") { IsTransient = false };
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? 8123 : uri.Port;
        _server = new Uri($"http://{uri.Host}:{port.ToString(CultureInfo.InvariantCulture)}/");
        Where = $"{uri.Host}:{port.ToString(CultureInfo.InvariantCulture)}/{Database}";
        var userInfo = uri.UserInfo.Split(':', 2);
        User = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "default";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : string.Empty;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
        {
            // Each request gets its own deadline (SendAsync).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")));
    }

    public string Database { get; }

    public string User { get; }

    /// <summary>host:port/database, for messages.</summary>
    public string Where { get; }

    /// <summary>
    /// Runs a statement in the store's database (or none, for CREATE DATABASE); returns the response text. A statement
    /// that may rightly run long (a migration's copy) passes its own <paramref name="timeout"/>.
    /// </summary>
    public Task<string> ExecuteAsync(string sql, CancellationToken cancellationToken, bool inDatabase = true, TimeSpan? timeout = null) =>
        SendAsync(Url(inDatabase, query: null), new StringContent(sql, Encoding.UTF8), sql, timeout ?? RequestTimeout, cancellationToken);

    /// <summary>Sends a RowBinary body to <c>INSERT INTO table FORMAT RowBinary</c>.</summary>
    public Task<string> InsertAsync(string insert, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SendAsync(Url(inDatabase: true, insert), new ReadOnlyMemoryContent(body), insert, RequestTimeout, cancellationToken);

    public void Dispose() => _http.Dispose();

    private Uri Url(bool inDatabase, string? query)
    {
        var parameters = new List<string>();
        if (inDatabase)
        {
            parameters.Add("database=" + Uri.EscapeDataString(Database));
        }

        if (query is not null)
        {
            parameters.Add("query=" + Uri.EscapeDataString(query));
        }

        return new Uri(_server, "?" + string.Join('&', parameters));
    }

    private async Task<string> SendAsync(Uri url, HttpContent content, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (content)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout);
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsync(url, content, deadline.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException or IOException || e.HttpRequestError is HttpRequestError.ConnectionError)
            {
                throw new StoreException($"cannot reach ClickHouse at {Where}: {e.Message}. Is the server running, and is that its HTTP port (8123 by default)?", e);
            }
            catch (HttpRequestException e)
            {
                throw new StoreException($"ClickHouse at {Where} failed: {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StoreException($"ClickHouse at {Where} did not answer within {timeout.TotalSeconds} s.", e);
            }

            using (response)
            {
                string text;
                try
                {
                    text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new StoreException($"ClickHouse at {Where} did not finish its answer within {timeout.TotalSeconds} s.", e);
                }

                if (response.IsSuccessStatusCode)
                {
                    return text;
                }

                throw Translate(response.StatusCode, text, what);
            }
        }
    }

    private StoreException Translate(HttpStatusCode status, string body, string what)
    {
        var code = ErrorCode(body);
        var message = body.Trim();
        // 192 unknown user, 193 wrong password (18.x), 516 authentication failed (current releases).
        if (code is 192 or 193 or 516 || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && code is null)
        {
            return new StoreException($"ClickHouse at {Where} rejected the login of user '{User}' ({message}): fix the user name or password in the store spec.") { IsTransient = false };
        }

        if (code is 81)
        {
            return new StoreException($"ClickHouse at {Where}: the database does not exist ({message}).") { IsTransient = false };
        }

        var shortWhat = what.Length > 120 ? what[..120] + "…" : what;
        return new StoreException($"ClickHouse at {Where} failed on '{shortWhat}': HTTP {(int)status}: {message}")
        {
            // Syntax, type and unknown-table errors will not fix themselves; overload and server errors may.
            IsTransient = status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout || code is 159 or 202 or 241,
        };
    }

    private static int? ErrorCode(string body)
    {
        if (!body.StartsWith("Code: ", StringComparison.Ordinal))
        {
            return null;
        }

        var end = body.IndexOfAny([',', '.'], 6);
        return end > 6 && int.TryParse(body.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    private static bool IsIdentifier(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
