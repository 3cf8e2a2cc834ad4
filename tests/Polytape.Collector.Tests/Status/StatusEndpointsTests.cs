using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polytape.Collector.Status;

namespace Polytape.Collector.Tests.Status;

/// <summary>The endpoints on a real Kestrel on 127.0.0.1:0, over real HTTP.</summary>
public sealed class StatusEndpointsTests : IAsyncLifetime, IDisposable
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private volatile RecorderStatus _status = StatusSamples.Receiving();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        StatusEndpoints.Map(_app, () => _status);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Status_ServesTheDocumentAsJson()
    {
        using var response = await _http.GetAsync(new Uri("/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("RUNNING_RECEIVING", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("connections").GetArrayLength());
    }

    [Fact]
    public async Task Health_Is200WhileNoComponentFaulted_And503NamingTheFault()
    {
        var (okCode, okBody) = await GetAsync("/health");
        _status = _status with { State = RecorderState.RunningReconnecting, Faults = [new ComponentFault("archive", "disk full", StatusSamples.Start)] };
        var (badCode, badBody) = await GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, okCode);
        Assert.Equal("ok", okBody.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, badCode);
        Assert.Equal("faulted", badBody.GetProperty("status").GetString());
        Assert.Equal("archive: disk full", badBody.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Health_StaysUpWhileReconnecting()
    {
        _status = _status with { State = RecorderState.RunningReconnecting };
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health")).Code);
    }

    [Theory]
    [InlineData(RecorderState.RunningReceiving, HttpStatusCode.OK)]
    [InlineData(RecorderState.RunningNoActiveTokens, HttpStatusCode.OK)]
    [InlineData(RecorderState.RunningReconnecting, HttpStatusCode.ServiceUnavailable)]
    [InlineData(RecorderState.Starting, HttpStatusCode.ServiceUnavailable)]
    [InlineData(RecorderState.Stopping, HttpStatusCode.ServiceUnavailable)]
    public async Task Ready_OnlyWhileReceivingOrWithNothingToRecord(RecorderState state, HttpStatusCode expected)
    {
        _status = _status with { State = state, StateReason = "the reason" };

        var (code, body) = await GetAsync("/ready");

        Assert.Equal(expected, code);
        Assert.Equal(StatusDocument.ToJson(_status).Split('"')[3], body.GetProperty("state").GetString());
        Assert.Equal("the reason", body.GetProperty("reason").GetString());
    }

    private async Task<(HttpStatusCode Code, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
