using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Dashboard;

/// <summary>
/// Reads the engine's event feed and the validation flags, coalesces progress per VM (latest wins, at most
/// one progress-only update per VM per <c>Dashboard:VmUpdateMilliseconds</c>, default 250), never drops
/// phase changes, precopies, errors or flags, reads the changed runs from the store and sends one batch per
/// plan to the hub groups of that plan and of all plans, and to the in-process <see cref="DashboardFeed"/>.
/// Subscriptions go through <see cref="JoinAsync"/>, which sends the snapshot between two flushes, so a
/// subscriber sees the snapshot first and every later change after it.
/// </summary>
public sealed class DashboardDispatcher(
    EngineEventFeed engineFeed,
    ValidationService validation,
    DashboardReader reader,
    IHubContext<MigrationHub, IMigrationClient> hub,
    DashboardFeed pages,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<DashboardDispatcher> logger) : BackgroundService
{
    public const string AllGroup = "plans:all";

    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Dictionary<Guid, Dictionary<string, VmProgressDto>> _runVms = [];
    private long _sent;

    public static string PlanGroup(string plan) => $"plan:{plan}";

    /// <summary>Batches sent since start (one per plan per flush).</summary>
    public long BatchesSent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Sends the snapshot of one plan (or of every plan when <paramref name="plan"/> is null) to the
    /// connection, then adds it to the group. Returns false when there is no such plan.
    /// </summary>
    public async Task<bool> JoinAsync(string connectionId, string? plan, CancellationToken ct)
    {
        await _sendGate.WaitAsync(ct);
        try
        {
            IReadOnlyList<PlanSnapshotDto> snapshots;
            if (plan is null)
            {
                snapshots = await reader.AllAsync(ct);
            }
            else
            {
                if (await reader.PlanAsync(plan, ct) is not { } one) return false;
                snapshots = [one];
            }

            await hub.Clients.Client(connectionId).Snapshot(snapshots);
            await hub.Groups.AddToGroupAsync(connectionId, plan is null ? AllGroup : PlanGroup(plan), ct);
            return true;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// Completes once every event published before the call has been flushed (progress still held back by
    /// the per-VM interval excepted), so a caller knows the batches for its changes are on their way.
    /// </summary>
    public Task DrainedAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite(drained);
        return drained.Task;
    }

    public Task LeaveAsync(string connectionId, string? plan, CancellationToken ct) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, plan is null ? AllGroup : PlanGroup(plan), ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Dashboard:VmUpdateMilliseconds", 250), 10, 60_000));
        var coalescer = new ProgressCoalescer(interval);
        using var engineSubscription = engineFeed.Subscribe(e => _inbox.Writer.TryWrite(e));
        Action<ValidationFlags> onFlags = f => _inbox.Writer.TryWrite(f);
        validation.FlagsChanged += onFlags;
        try
        {
            while (await WaitForWorkAsync(coalescer, stoppingToken))
            {
                var flags = new List<ValidationFlags>();
                var drained = new List<TaskCompletionSource>();
                while (_inbox.Reader.TryRead(out var item))
                {
                    if (item is EngineEvent e) coalescer.Add(e);
                    else if (item is ValidationFlags f) flags.Add(f);
                    else if (item is TaskCompletionSource d) drained.Add(d);
                }

                await _sendGate.WaitAsync(stoppingToken);
                try
                {
                    await FlushAsync(coalescer.TakeDue(time.GetUtcNow()), coalescer, stoppingToken);
                    await SendFlagsAsync(flags, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Sending dashboard updates failed; the dispatcher carries on with the next changes.");
                }
                finally
                {
                    _sendGate.Release();
                    foreach (var d in drained) d.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            validation.FlagsChanged -= onFlags;
        }
    }

    /// <summary>Waits for new events, or for the moment held-back progress may go out. False when stopping.</summary>
    private async Task<bool> WaitForWorkAsync(ProgressCoalescer coalescer, CancellationToken ct)
    {
        if (_inbox.Reader.TryPeek(out _)) return true;
        if (coalescer.NextDue is not { } due) return await _inbox.Reader.WaitToReadAsync(ct);
        var delay = due - time.GetUtcNow();
        if (delay <= TimeSpan.Zero) return true;
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = _inbox.Reader.WaitToReadAsync(wake.Token).AsTask();
        var timer = Task.Delay(delay, time, wake.Token);
        await Task.WhenAny(read, timer);
        await wake.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return true;
    }

    private async Task FlushAsync(CoalescedFlush flush, ProgressCoalescer coalescer, CancellationToken ct)
    {
        if (flush.IsEmpty) return;
        foreach (var state in await reader.RunsAsync(flush, _runVms.Keys.ToHashSet(), ct))
        {
            var (plan, run) = (state.Plan, state.Run);
            // The latest state of every VM of the run, so the plan status needs no re-read of all VMs.
            if (state.Whole || !_runVms.TryGetValue(run.Id, out var known)) _runVms[run.Id] = known = [];
            foreach (var vm in state.Vms) known[vm.VmId] = vm;
            var changes = flush.PhaseChanges.Where(p => p.RunId == run.Id)
                .Select(p => new PhaseChangeDto(plan.Name, p.VmId, p.From, p.To, p.At)).ToArray();
            var due = state.Whole && flush.ChangedRuns.Contains(run.Id) ? state.Vms
                : state.Vms.Where(v => flush.Vms.Contains(new VmKey(run.Id, v.VmId))).ToList();
            var status = flush.StatusRuns.Contains(run.Id) ? VmProgressMapper.Plan(plan, run, known.Values, state.Version) : null;
            var batch = new ProgressBatchDto(plan.Name, changes, due, status);
            pages.Publish(batch);
            await hub.Clients.Groups(PlanGroup(plan.Name), AllGroup).Progress(batch);
            Interlocked.Increment(ref _sent);
            if (run.Completed is not null)
            {
                coalescer.Forget(run.Id);
                _runVms.Remove(run.Id);
            }
        }
    }

    private async Task SendFlagsAsync(List<ValidationFlags> flags, CancellationToken ct)
    {
        // Latest flags of each VM win within one flush; none is skipped.
        foreach (var f in flags.GroupBy(f => (f.ProviderId, f.VmId)).Select(g => g.Last()))
        {
            foreach (var plan in await reader.PlansWithVmAsync(f.ProviderId, f.VmId, f.VmName, ct))
            {
                var dto = VmProgressMapper.Flags(plan, f.VmId, f.VmName, f.Removed ? [] : f.Concerns);
                pages.Publish(dto);
                await hub.Clients.Groups(PlanGroup(plan), AllGroup).ValidationFlags(dto);
            }
        }
    }
}
