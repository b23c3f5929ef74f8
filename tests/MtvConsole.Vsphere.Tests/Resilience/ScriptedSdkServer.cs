using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace MtvConsole.Vsphere.Tests.Resilience;

/// <summary>What the scripted server does with one request.</summary>
public enum SdkBehaviour
{
    Answer,
    Unavailable,
    Reset,
    Hang,
}

/// <summary>
/// A plain-HTTP vim25 endpoint on loopback whose answers are scripted per SOAP method: a queue of behaviours per method
/// (answer, HTTP 503, a reset connection, no answer at all), then normal answers. Every request is reported on <see cref="Requests"/>.
/// </summary>
public sealed partial class ScriptedSdkServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SdkBehaviour>> _script = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly Task _accepting;

    /// <param name="port">0 for any free port.</param>
    public ScriptedSdkServer(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/sdk");

    /// <summary>The SOAP method of every request received, in order.</summary>
    public Channel<string> Requests { get; } = Channel.CreateUnbounded<string>();

    /// <summary>How many requests each method received.</summary>
    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public void Script(string method, params SdkBehaviour[] behaviours)
    {
        var queue = _script.GetOrAdd(method, _ => new ConcurrentQueue<SdkBehaviour>());
        foreach (var b in behaviours) queue.Enqueue(b);
    }

    /// <summary>Waits for the next request and returns its method.</summary>
    public async Task<string> NextRequestAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Requests.Reader.ReadAsync(limit.Token);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _open.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var body = await ReadRequestAsync(stream);
                if (body is null) return;
                var method = MethodPattern().Match(body) is { Success: true } m ? m.Groups[1].Value : "?";
                Counts.AddOrUpdate(method, 1, (_, n) => n + 1);
                var behaviour = _script.TryGetValue(method, out var queue) && queue.TryDequeue(out var next) ? next : SdkBehaviour.Answer;
                await Requests.Writer.WriteAsync(method);
                switch (behaviour)
                {
                    case SdkBehaviour.Hang:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    case SdkBehaviour.Reset:
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Close();
                        return;
                    case SdkBehaviour.Unavailable:
                        await WriteAsync(stream, "503 Service Unavailable", "");
                        break;
                    default:
                        await WriteAsync(stream, "200 OK", Envelope(method));
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async Task<string?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            head.Append((char)one[0]);
        }
        var length = LengthPattern().Match(head.ToString()) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }

    private static async Task WriteAsync(NetworkStream stream, string status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {bytes.Length}\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(bytes);
    }

    private static string Envelope(string method)
    {
        var returnval = method switch
        {
            "RetrieveServiceContent" => """
                <returnval><rootFolder type="Folder">group-d1</rootFolder><propertyCollector type="PropertyCollector">propertyCollector</propertyCollector>
                <viewManager type="ViewManager">ViewManager</viewManager><sessionManager type="SessionManager">SessionManager</sessionManager>
                <about><fullName>Scripted</fullName><apiVersion>7.0</apiVersion></about></returnval>
                """,
            "CreateSnapshot_Task" or "PowerOffVM_Task" => """<returnval type="Task">task-1</returnval>""",
            _ => "<returnval>ok</returnval>",
        };
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
            <{method}Response xmlns="urn:vim25">{returnval}</{method}Response></soapenv:Body></soapenv:Envelope>
            """;
    }

    [GeneratedRegex(@"<soapenv:Body><(?:\w+:)?(\w+)")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"Content-Length:\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex LengthPattern();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _open) client.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
