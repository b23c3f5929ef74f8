using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using MtvConsole.Web.Dashboard;

namespace MtvConsole.Web.Tests.Dashboard;

/// <summary>
/// A SignalR client on the test server's migrations hub, signed in with the session cookie a browser gets,
/// recording what the hub pushes in arrival order and signalling when a condition over it holds.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly List<object> _received = [];
    private readonly List<(Func<IReadOnlyList<object>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<IReadOnlyList<PlanSnapshotDto>>(nameof(IMigrationClient.Snapshot), s => Record(s));
        connection.On<ProgressBatchDto>(nameof(IMigrationClient.Progress), b => Record(b));
        connection.On<ValidationFlagsDto>(nameof(IMigrationClient.ValidationFlags), f => Record(f));
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<object> Received
    {
        get
        {
            lock (_lock) return [.. _received];
        }
    }

    /// <summary>Signs in (when a user is given) and connects over long polling through the test server.</summary>
    public static async Task<HubClient> ConnectAsync(ConsoleFactory factory, string? user, string? password)
    {
        var cookies = new CookieContainer();
        var baseAddress = new Uri("http://localhost");
        if (user is not null)
        {
            using var http = factory.CreateDefaultClient(baseAddress, new CookieContainerHandler(cookies));
            var response = await ConsoleFactory.SignInAsync(http, user, password!);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, DashboardRegistration.HubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                var header = cookies.GetCookieHeader(baseAddress);
                if (header.Length > 0) o.Headers["Cookie"] = header;
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Completes when what was received so far satisfies the condition; fails after 30 s.</summary>
    public Task WhenAsync(Func<IReadOnlyList<object>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_received)) return Task.CompletedTask;
            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private void Record(object message)
    {
        lock (_lock)
        {
            _received.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Condition(_received)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
