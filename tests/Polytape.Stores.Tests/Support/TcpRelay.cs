using System.Net;
using System.Net.Sockets;

namespace Polytape.Stores.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of a real server, to cut the network: <see cref="Cut"/> drops every connection and
/// refuses new ones (the server looks down), <see cref="Restore"/> lets them through again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpRelay(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_cut)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The relay was cut or a side closed.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
