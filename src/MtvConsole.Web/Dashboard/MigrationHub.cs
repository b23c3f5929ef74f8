using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using MtvConsole.Core.Engine;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Dashboard;

/// <summary>
/// The live migrations hub at <c>/hubs/migrations</c> for browsers' JavaScript and external clients.
/// Any signed-in user may watch (subscribe to one plan or to all, and gets a snapshot first, then changes);
/// only operators and admins may act (start, cutover, cancel), through the audited <see cref="MigrationCommands"/>.
/// A reconnecting client calls Subscribe again and gets a fresh snapshot: groups do not survive a reconnect.
/// </summary>
[Authorize]
public sealed class MigrationHub(DashboardDispatcher dispatcher, IAuthorizationService authorization, MigrationCommands commands, TimeProvider time)
    : Hub<IMigrationClient>
{
    public async Task SubscribePlan(string name)
    {
        RequireSignedIn();
        if (string.IsNullOrWhiteSpace(name)) throw new HubException("Name the plan to watch.");
        if (!await dispatcher.JoinAsync(Context.ConnectionId, name, Context.ConnectionAborted)) throw new HubException($"No plan named '{name}'.");
    }

    public async Task SubscribeAll()
    {
        RequireSignedIn();
        await dispatcher.JoinAsync(Context.ConnectionId, null, Context.ConnectionAborted);
    }

    public Task UnsubscribePlan(string name) => dispatcher.LeaveAsync(Context.ConnectionId, name, Context.ConnectionAborted);

    public Task UnsubscribeAll() => dispatcher.LeaveAsync(Context.ConnectionId, null, Context.ConnectionAborted);

    /// <summary>Starts a new run of the plan. Operators and admins only.</summary>
    public async Task Start(string plan)
    {
        var user = await RequireOperatorAsync("start a plan");
        Outcome(await commands.StartAsync(plan, user, ct: Context.ConnectionAborted));
    }

    /// <summary>Sets the cutover of the plan's run (or of the named VMs) to <paramref name="at"/>; null removes it. Operators and admins only.</summary>
    public async Task SetCutover(string plan, DateTimeOffset? at, IReadOnlyList<string>? vmIds)
    {
        var user = await RequireOperatorAsync("schedule a cutover");
        if (vmIds is not { Count: > 0 })
        {
            Outcome(await commands.SetCutoverAsync(plan, at, null, user, Context.ConnectionAborted));
            return;
        }

        foreach (var vm in vmIds) Outcome(await commands.SetCutoverAsync(plan, at, vm, user, Context.ConnectionAborted));
    }

    /// <summary>Starts the cutover now. Operators and admins only.</summary>
    public Task CutoverNow(string plan, IReadOnlyList<string>? vmIds) => SetCutover(plan, time.GetUtcNow(), vmIds);

    /// <summary>Cancels the named VMs, or the whole run when none are named. Operators and admins only.</summary>
    public async Task Cancel(string plan, IReadOnlyList<string>? vmIds)
    {
        var user = await RequireOperatorAsync("cancel a migration");
        Outcome(await commands.CancelAsync(plan, vmIds, user, Context.ConnectionAborted));
    }

    private void RequireSignedIn()
    {
        if (Context.User?.Identity?.IsAuthenticated != true) throw new HubException("Sign in to watch migrations.");
    }

    private async Task<string> RequireOperatorAsync(string what)
    {
        RequireSignedIn();
        var result = await authorization.AuthorizeAsync(Context.User!, Policies.Operator);
        if (!result.Succeeded) throw new HubException($"Only operators and admins may {what}.");
        return Context.User!.UserName();
    }

    private static void Outcome<T>(CommandResult<T> result)
    {
        if (!result.Succeeded) throw new HubException(result.Problem);
    }
}
