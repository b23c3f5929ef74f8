using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The migration engine. <see cref="TickAsync"/> advances every running VM by one decision, admits
/// waiting VMs, ends finished runs and saves every change; the hosted service calls it on a timer and
/// tests call it step by step. All state lives in the <see cref="IMigrationStore"/>, so a new engine over
/// the same store resumes where the old one stopped. An error of one VM never stops the others.
/// </summary>
public sealed class MigrationEngine
{
    /// <summary>Attempts of a failing step (with backoff 2, 4, 8 … s) before the VM fails.</summary>
    public const int MaxStepAttempts = 5;

    private static readonly TimeSpan InventoryMaxAge = TimeSpan.FromMinutes(5);

    private readonly IMigrationStore _store;
    private readonly IProviderAdapters _adapters;
    private readonly IHookRunner _hooks;
    private readonly TimeProvider _time;
    private readonly EngineEventFeed _feed;
    private readonly RunLifecycle _lifecycle;
    private readonly VmStepper _stepper = new();
    private readonly EstimateTracker _estimates = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, (VsphereInventory Inventory, DateTimeOffset At)> _inventories = [];
    private readonly Dictionary<Guid, (int Attempts, DateTimeOffset RetryAt)> _failures = [];
    private List<MigrationRun>? _runs;

    public MigrationEngine(IMigrationStore store, IProviderAdapters adapters, IHookRunner hooks, TimeProvider time, EngineEventFeed feed)
    {
        _store = store;
        _adapters = adapters;
        _hooks = hooks;
        _time = time;
        _feed = feed;
        _lifecycle = new RunLifecycle(store);
    }

    /// <summary>
    /// How many phase transitions one VM may make in one tick. Steps that need no waiting (storing the
    /// power state, asking for a snapshot, creating the next object) then follow each other at once
    /// instead of one per tick; a step that waits (a running task, a copy) ends the VM's turn. 1 = one
    /// transition per tick (tests that stop at a given phase use that).
    /// </summary>
    public int StepsPerTick { get; init; } = 1;

    /// <summary>Raised for an error that did not fail a VM (a run that could not begin, a step that will be retried).</summary>
    public event Action<string, Exception>? ErrorReported;

    public IMigrationStore Store => _store;

    public VmEstimate EstimateOf(Guid vmStatusId) => _estimates.Get(vmStatusId);

    /// <summary>
    /// Runs a change to runs (start, cutover, cancel) between ticks, never during one. The next tick
    /// reads the unfinished runs from the store again, so it sees the change.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> action, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await action();
        }
        finally
        {
            _runs = null;
            _gate.Release();
        }
    }

    public async Task<TickSummary> TickAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await TickCoreAsync(ct);
        }
        catch
        {
            _runs = null; // what was saved is unsure: read it again
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TickSummary> TickCoreAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var settings = await _store.GetSettingsAsync(ct);
        // The engine is the only writer of unfinished runs between commands, so the runs it saved last
        // tick are what the store holds: read them only after a command, a failed tick or a restart.
        var runs = _runs ??= [.. await _store.GetUnfinishedRunsAsync(ct)];
        var active = runs.GroupBy(r => r.PlanId)
            .Select(g => g.OrderBy(r => r.Started is null).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id).First())
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
        var events = new List<EngineEvent>();
        var works = new List<RunWork>();
        foreach (var run in active)
        {
            try
            {
                var context = await _store.GetPlanContextAsync(run.PlanId, ct);
                if (context is null) continue;
                var source = _adapters.Source(context.Source);
                var work = new RunWork(run, context, await InventoryAsync(context.Source, source, now, ct), source, _adapters.Target(context.Destination), HooksFor(context.Destination));
                if (run.Started is null)
                {
                    await _lifecycle.BeginAsync(work, now, ct);
                    events.Add(new PlanStatusChanged(run.Id, now, run.PlanId, Conditions.ConditionTypes.Executing));
                }

                works.Add(work);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                ErrorReported?.Invoke($"Run {run.Id} of plan {run.PlanId} could not begin; it will be tried again.", e);
            }
        }

        var transitions = 0;
        foreach (var work in works)
        {
            foreach (var vm in work.Run.Vms.Where(v => v.Completed is null).ToList())
            {
                for (var step = 0; step < StepsPerTick; step++)
                {
                    var moved = await StepVmAsync(work, vm, settings, now, events, ct);
                    transitions += moved;
                    if (moved == 0 || vm.Completed is not null) break;
                }
            }
        }

        foreach (var (run, vm) in TransferScheduler.Admit(works, settings, now))
        {
            run.Dirty.Add(vm);
            if (vm.Phase == Phases.Started && vm.Started == now)
            {
                events.Add(new VmPhaseChanged(run.Run.Id, now, vm.VmId, "", Phases.Started));
                transitions++;
            }
        }

        var dirty = works.SelectMany(w => w.Dirty).ToList();
        if (dirty.Count > 0) await _store.SaveVmsAsync(dirty, ct);
        foreach (var work in works)
        {
            if (await _lifecycle.EndIfDoneAsync(work, now, ct) is { } state)
            {
                events.Add(new PlanStatusChanged(work.Run.Id, now, work.Run.PlanId, state));
            }
        }

        runs.RemoveAll(r => r.Completed is not null);
        foreach (var e in events) _feed.Publish(e);
        return new TickSummary(works.Count, works.Sum(w => w.Run.Vms.Count(v => v.IsRunning)), dirty.Count, transitions);
    }

    private async Task<int> StepVmAsync(RunWork work, VmStatus vm, EngineSettings settings, DateTimeOffset now, List<EngineEvent> events, CancellationToken ct)
    {
        var source = work.Inventory.FindVm(vm.VmId);
        var cancel = RunCancel.Requested(work.Run, vm);
        if (source is null)
        {
            vm.Fail(vm.Phase, $"The VM '{vm.Name}' ({vm.VmId}) is no longer in the source inventory.", now);
            work.Dirty.Add(vm);
            return 1;
        }

        if (!cancel && vm.Started is null) return 0;
        if (_failures.TryGetValue(vm.Id, out var failure) && failure.RetryAt > now && !cancel) return 0;
        var w = new VmWork(work, vm, source, settings, now);
        try
        {
            if (cancel) await VmCleanup.CancelAsync(w, ct);
            else await _stepper.StepAsync(w, ct);
            _failures.Remove(vm.Id);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await HandleFailureAsync(w, e, cancel, ct);
        }

        if (w.Changed) work.Dirty.Add(vm);
        if (w.Copy is { } reading)
        {
            var lastDelta = vm.Warm?.Precopies.LastOrDefault(p => p.End is not null && p.Error is null && !p.Final)?.BytesCopied;
            var estimate = _estimates.Update(vm.Id, reading, now, lastDelta);
            var disks = vm.Pipeline.FirstOrDefault(s => s.Phase == StepPhase.Running && s.Tasks.Count > 0);
            events.Add(new VmProgressed(work.Run.Id, now, vm.VmId, disks?.Progress.Completed ?? 0, disks?.Progress.Total ?? 0, estimate));
        }

        events.AddRange(w.Events);
        return w.Events.Count(e => e is VmPhaseChanged);
    }

    private async Task HandleFailureAsync(VmWork w, Exception e, bool canceling, CancellationToken ct)
    {
        var vm = w.Status;
        try
        {
            if (!canceling && w.Warm && VmStepper.IsPrecopyLoopPhase(vm.Phase))
            {
                _failures.Remove(vm.Id);
                await VmStepper.WarmFailureAsync(w, e.Message, ct);
                return;
            }
        }
        catch (Exception inner) when (!ct.IsCancellationRequested)
        {
            e = inner;
        }

        var attempts = (_failures.TryGetValue(vm.Id, out var f) ? f.Attempts : 0) + 1;
        if (attempts >= MaxStepAttempts && !canceling)
        {
            _failures.Remove(vm.Id);
            w.Fail($"{vm.Phase} failed {attempts} times; last error: {e.Message}");
            return;
        }

        _failures[vm.Id] = (attempts, w.Now + TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempts, 6))));
        ErrorReported?.Invoke($"VM {vm.Name} ({vm.VmId}) in phase {vm.Phase}: attempt {attempts} failed; it will be retried.", e);
    }

    /// <summary>A finished run with its plan, inventory and adapters, for restart previews and archive clean-up; null when the plan is gone.</summary>
    internal async Task<RunWork?> WorkForAsync(MigrationRun run, CancellationToken ct)
    {
        var context = await _store.GetPlanContextAsync(run.PlanId, ct);
        if (context is null) return null;
        var source = _adapters.Source(context.Source);
        var inventory = await InventoryAsync(context.Source, source, _time.GetUtcNow(), ct);
        return new RunWork(run, context, inventory, source, _adapters.Target(context.Destination), HooksFor(context.Destination));
    }

    /// <summary>The destination's own hook runner (Jobs on a real cluster), else the default (the Lab's).</summary>
    private IHookRunner HooksFor(Provider destination) => _adapters.Hooks(destination) ?? _hooks;

    private async Task<VsphereInventory> InventoryAsync(Provider provider, ISourceProvider source, DateTimeOffset now, CancellationToken ct)
    {
        if (_inventories.TryGetValue(provider.Id, out var cached) && now - cached.At < InventoryMaxAge) return cached.Inventory;
        var inventory = await source.GetInventoryAsync(ct);
        _inventories[provider.Id] = (inventory, now);
        return inventory;
    }
}
