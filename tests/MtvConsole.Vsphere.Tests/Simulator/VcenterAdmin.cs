using System.Xml.Linq;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Tests.Simulator;

/// <summary>
/// A vCenter administrator on a session of their own, doing what admins and vCenter do to other clients: ending every
/// other session (SessionManager.TerminateSession, as the vSphere Client's "Terminate" on Sessions does) and telling
/// whether vCenter still knows a task.
/// </summary>
public sealed class VcenterAdmin(Vcsim sim) : IAsyncDisposable
{
    private readonly VimClient _client = new(sim.Options());

    /// <summary>Ends every session but this one (vim25 SessionManager.TerminateSession); returns how many ended.</summary>
    public async Task<int> TerminateOtherSessionsAsync()
    {
        await _client.ConnectAsync();
        var manager = await new PropertyCollector(_client).RetrieveOneAsync("SessionManager", _client.Content.SessionManager, ["currentSession", "sessionList"], default)
            ?? throw new InvalidOperationException("The SessionManager could not be read.");
        var own = manager.Properties.First(p => p.Key == "currentSession").Value!.ChildText("key");
        var others = manager.Properties.First(p => p.Key == "sessionList").Value!.Children("UserSession")
            .Select(s => s.ChildText("key")!).Where(k => k != own).Distinct().ToList();
        if (others.Count > 0)
            await _client.InvokeAsync("TerminateSession", "SessionManager", _client.Content.SessionManager, others.Select(k => Vim.El("sessionId", k)));
        return others.Count;
    }

    /// <summary>Whether vCenter still has the task (finished tasks are purged after a while).</summary>
    public async Task<bool> KnowsTaskAsync(string taskId)
    {
        await _client.ConnectAsync();
        var task = await new PropertyCollector(_client).RetrieveOneAsync("Task", taskId, ["info.state"], default);
        return task is { Properties.Count: > 0 };
    }

    /// <summary>Waits (polling the simulator, which runs on its own clock) until vCenter has purged the task.</summary>
    public async Task UntilPurgedAsync(string taskId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await KnowsTaskAsync(taskId))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"vCenter still knows task {taskId} after 30 s.");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
