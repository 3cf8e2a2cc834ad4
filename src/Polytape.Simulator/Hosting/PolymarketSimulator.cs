using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polytape.Domain.Books;
using Polytape.Simulator.Admin;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Gamma;
using Polytape.Simulator.MarketChannel;
using Polytape.Simulator.Rest;

namespace Polytape.Simulator.Hosting;

/// <summary>
/// A local Polymarket on loopback: CLOB REST at <see cref="ClobUri"/>, Gamma under <see cref="GammaUri"/>,
/// the market channel at <see cref="MarketWebSocketUri"/>, and an admin API for faults and ground truth.
/// The same object runs in tests (port 0, in-process) and behind <c>polytape simulate</c>.
/// </summary>
public sealed class PolymarketSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PolymarketSimulator(WebApplication app, Uri baseUri)
    {
        _app = app;
        ClobUri = baseUri;
        GammaUri = new Uri(baseUri, "gamma/");
        MarketWebSocketUri = new Uri($"ws://{baseUri.Authority}/ws/market");
        AdminUri = new Uri(baseUri, "admin/");
    }

    public Uri ClobUri { get; }

    public Uri GammaUri { get; }

    public Uri MarketWebSocketUri { get; }

    public Uri AdminUri { get; }

    public MarketEngine Engine => _app.Services.GetRequiredService<MarketEngine>();

    public MarketChannelHub Hub => _app.Services.GetRequiredService<MarketChannelHub>();

    public SimulatorFaults Faults => _app.Services.GetRequiredService<SimulatorFaults>();

    /// <summary>The ground truth tests compare recorded books with: each token's levels in wire order (best last), copied under the engine's gate.</summary>
    public Dictionary<string, (BookLevel[] Bids, BookLevel[] Asks)> TrueBooks(IEnumerable<string> tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var engine = Engine;
        lock (engine.Gate)
        {
            var books = new Dictionary<string, (BookLevel[], BookLevel[])>(StringComparer.Ordinal);
            foreach (var id in tokenIds)
            {
                if (!engine.Universe.TryGetToken(id, out var token))
                {
                    throw new ArgumentException($"The simulator has no token {id}.", nameof(tokenIds));
                }

                books[id] = (token.Book.Bids.WireOrder.ToArray(), token.Book.Asks.WireOrder.ToArray());
            }

            return books;
        }
    }

    public static async Task<PolymarketSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Scenarios.Exists(options.Scenario))
        {
            throw new ArgumentException($"Unknown scenario '{options.Scenario}'. Known: {string.Join(", ", Scenarios.Names)}.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        var faults = new SimulatorFaults();
        Scenarios.Apply(options.Scenario, faults);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton<MarketChannelHub>();
        builder.Services.AddSingleton(sp => new MarketEngine(options.Universe, options.Engine, sp.GetRequiredService<MarketChannelHub>(), options.Time, faults));
        builder.Services.AddHostedService<EngineRunner>();
        builder.Services.AddMarketChannel();
        builder.Services.AddClobRest();
        builder.Services.AddGamma();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapMarketChannel();
        app.MapClobRest();
        app.MapGroup("/gamma").MapGamma();
        app.MapGroup("/admin").MapAdmin();

        // Build the universe before listening, so the first request sees markets.
        _ = app.Services.GetRequiredService<MarketEngine>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PolymarketSimulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
