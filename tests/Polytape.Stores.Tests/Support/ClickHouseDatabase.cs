using System.Net.Http.Headers;
using System.Text;

namespace Polytape.Stores.Tests.Support;

/// <summary>A fresh database name on the test ClickHouse server (the store creates it), dropped afterwards.</summary>
public sealed class ClickHouseDatabase : IDisposable
{
    private readonly Uri _server;
    private readonly string _user;
    private readonly string _password;
    private readonly HttpClient _http = new();

    public ClickHouseDatabase()
    {
        _server = new Uri(TestServers.ClickHouse);
        var userInfo = _server.UserInfo.Split(':', 2);
        _user = Uri.UnescapeDataString(userInfo[0]);
        _password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : string.Empty;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        Name = "polytape_test_" + Guid.NewGuid().ToString("N")[..12];
    }

    public string Name { get; }

    public string Host => _server.Host;

    public int Port => _server.Port;

    /// <summary>The store spec for this database, optionally with another password or port.</summary>
    public string Spec(string? password = null, int? port = null) =>
        $"clickhouse://{Uri.EscapeDataString(_user)}:{Uri.EscapeDataString(password ?? _password)}@{_server.Host}:{port ?? _server.Port}/{Name}";

    public string Query(string sql)
    {
        using var response = _http.PostAsync(new Uri(_server, "/?database=" + Name), new StringContent(sql)).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, text);
        return text.Trim();
    }

    public void Dispose()
    {
        using (var response = _http.PostAsync(new Uri(_server, "/"), new StringContent($"DROP DATABASE IF EXISTS {Name}")).GetAwaiter().GetResult())
        {
            // Best effort: a leftover test database is harmless on a throwaway server.
        }

        _http.Dispose();
    }
}
