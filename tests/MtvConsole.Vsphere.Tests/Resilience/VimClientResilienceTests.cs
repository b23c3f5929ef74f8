using System.Net;
using System.Net.Sockets;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Tests.Resilience;

/// <summary>
/// Timeouts and retries of SOAP calls against a scripted loopback server, on a fake clock: read-only calls are tried
/// again after a 503, a reset or a hang; a task-creating call is never sent twice once it may have reached the server.
/// </summary>
public sealed class VimClientResilienceTests : IAsyncLifetime
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(5);
    private readonly TimerWatchingTime _time = new();
    private ScriptedSdkServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private VimClient Client(TimeSpan? total = null, TimeSpan? retryDelay = null, int maxRetries = 3, int? port = null) =>
        new(new VsphereConnectionOptions
        {
            Url = port is { } p ? new Uri($"http://127.0.0.1:{p}/sdk") : _server.Url,
            UserName = "u",
            Password = "p",
            Timeout = total ?? Total,
            AttemptTimeout = Attempt,
            RetryDelay = retryDelay ?? TimeSpan.Zero,
            MaxRetries = maxRetries,
        }, _time);

    private async Task<VimClient> ConnectedAsync(TimeSpan? total = null, TimeSpan? retryDelay = null)
    {
        var client = Client(total, retryDelay);
        await client.ConnectAsync();
        Assert.Equal("RetrieveServiceContent", await _server.NextRequestAsync());
        Assert.Equal("Login", await _server.NextRequestAsync());
        return client;
    }

    private static Task<System.Xml.Linq.XElement> Read(VimClient client) =>
        client.InvokeAsync("RetrievePropertiesEx", "PropertyCollector", "propertyCollector", []);

    private static Task<System.Xml.Linq.XElement> Snapshot(VimClient client) =>
        client.InvokeAsync("CreateSnapshot_Task", "VirtualMachine", "vm-1", [Vim.El("name", "s"), Vim.El("memory", false), Vim.El("quiesce", true)]);

    [Fact]
    public async Task A_read_answered_503_is_sent_again_only_after_the_backoff_delay()
    {
        await using var client = await ConnectedAsync(retryDelay: TimeSpan.FromSeconds(1));
        _server.Script("RetrievePropertiesEx", SdkBehaviour.Unavailable);

        var call = Read(client);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        var delay = await _time.NextTimerAsync(Total, Attempt);

        Assert.False(_server.Requests.Reader.TryRead(out _));
        _time.Advance(delay);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        Assert.Equal("ok", (await call).Value);
        Assert.Equal(2, _server.Counts["RetrievePropertiesEx"]);
    }

    [Fact]
    public async Task A_read_whose_connection_is_reset_is_sent_again()
    {
        await using var client = await ConnectedAsync();
        _server.Script("RetrievePropertiesEx", SdkBehaviour.Reset, SdkBehaviour.Reset);

        var answer = await Read(client);

        Assert.Equal("ok", answer.Value);
        Assert.Equal(3, _server.Counts["RetrievePropertiesEx"]);
    }

    [Fact]
    public async Task A_read_that_hangs_is_given_up_after_the_attempt_timeout_and_sent_again()
    {
        await using var client = await ConnectedAsync();
        _server.Script("RetrievePropertiesEx", SdkBehaviour.Hang);

        var call = Read(client);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        _time.Advance(Attempt);

        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        Assert.Equal("ok", (await call).Value);
    }

    [Fact]
    public async Task A_read_that_never_answers_fails_at_the_total_limit_naming_the_host_method_and_limit()
    {
        await using var client = await ConnectedAsync(total: TimeSpan.FromSeconds(12));
        _server.Script("RetrievePropertiesEx", SdkBehaviour.Hang, SdkBehaviour.Hang, SdkBehaviour.Hang, SdkBehaviour.Hang);

        var call = Read(client);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        _time.Advance(Attempt);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        _time.Advance(Attempt);
        Assert.Equal("RetrievePropertiesEx", await _server.NextRequestAsync());
        _time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Equal($"127.0.0.1:{_server.Port} did not answer RetrievePropertiesEx within 12 s (after 3 attempts).", error.Message);
    }

    [Fact]
    public async Task Wait_for_updates_may_hold_the_call_for_its_max_wait_on_top_of_the_attempt_limit()
    {
        await using var client = await ConnectedAsync();
        _server.Script("WaitForUpdatesEx", SdkBehaviour.Hang);

        var call = client.InvokeAsync("WaitForUpdatesEx", "PropertyCollector", "propertyCollector",
            [Vim.El("version", "1"), Vim.El("options", Vim.El("maxWaitSeconds", 50))]);
        Assert.Equal("WaitForUpdatesEx", await _server.NextRequestAsync());
        _time.Advance(Attempt + TimeSpan.FromSeconds(49));
        Assert.False(_server.Requests.Reader.TryRead(out _));
        Assert.False(call.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("WaitForUpdatesEx", await _server.NextRequestAsync());
        Assert.Equal("ok", (await call).Value);
    }

    [Fact]
    public async Task A_task_call_that_hangs_times_out_and_is_not_sent_twice()
    {
        await using var client = await ConnectedAsync();
        _server.Script("CreateSnapshot_Task", SdkBehaviour.Hang);

        var call = Snapshot(client);
        Assert.Equal("CreateSnapshot_Task", await _server.NextRequestAsync());
        _time.Advance(Attempt);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Equal($"127.0.0.1:{_server.Port} did not answer CreateSnapshot_Task within 5 s.", error.Message);
        Assert.Equal(1, _server.Counts["CreateSnapshot_Task"]);
    }

    [Fact]
    public async Task A_task_call_answered_503_or_reset_is_not_sent_again()
    {
        await using var client = await ConnectedAsync();
        _server.Script("CreateSnapshot_Task", SdkBehaviour.Unavailable, SdkBehaviour.Reset);

        var unavailable = await Assert.ThrowsAsync<HttpRequestException>(() => Snapshot(client));
        Assert.Contains("answered CreateSnapshot_Task with HTTP 503", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Counts["CreateSnapshot_Task"]);

        await Assert.ThrowsAnyAsync<Exception>(() => Snapshot(client));
        Assert.Equal(2, _server.Counts["CreateSnapshot_Task"]);
        Assert.Equal("task-1", (await Snapshot(client)).Value);
    }

    [Fact]
    public async Task A_task_call_whose_connection_could_not_be_made_is_sent_once_the_server_is_back()
    {
        await using var client = await ConnectedAsync(retryDelay: TimeSpan.FromSeconds(1));
        var port = _server.Port;
        await _server.DisposeAsync();

        var call = Snapshot(client);
        var delay = await _time.NextTimerAsync(Total, Attempt);
        _server = new ScriptedSdkServer(port);
        _time.Advance(delay);

        Assert.Equal("task-1", (await call).Value);
        Assert.Equal(1, _server.Counts["CreateSnapshot_Task"]);
    }

    [Fact]
    public async Task Without_retries_a_refused_connection_fails_at_once()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var client = Client(maxRetries: 0, port: port);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.ConnectAsync());

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }
}
