using MtvConsole.Core.Engine;

namespace MtvConsole.Web.Dashboard;

/// <summary>
/// Collects engine events between flushes. Phase changes, finished precopies and plan status changes are
/// kept in full and make their VM (or run) due at once; progress readings only mark the VM, latest wins,
/// and a VM whose only news is progress is released at most once per <c>minInterval</c>.
/// A run's status (VM counts, totals, throughput) goes out with every phase or status change, and otherwise
/// at most once per <see cref="StatusInterval"/>. Not thread-safe: the dispatcher's loop is its only user.
/// </summary>
public sealed class ProgressCoalescer(TimeSpan minInterval)
{
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, DateTimeOffset> _lastStatus = [];
    private readonly Dictionary<VmKey, DateTimeOffset> _lastSent = [];
    private readonly HashSet<VmKey> _progress = [];
    private readonly HashSet<VmKey> _urgent = [];
    private readonly HashSet<Guid> _runs = [];
    private readonly List<VmPhaseChanged> _phaseChanges = [];

    public TimeSpan MinInterval => minInterval;

    public bool HasWork => _urgent.Count > 0 || _runs.Count > 0 || _progress.Count > 0;

    public void Add(EngineEvent e)
    {
        switch (e)
        {
            case VmPhaseChanged phase:
                _phaseChanges.Add(phase);
                _urgent.Add(new VmKey(e.RunId, phase.VmId));
                break;
            case PrecopyCompleted precopy:
                _urgent.Add(new VmKey(e.RunId, precopy.VmId));
                break;
            case VmProgressed progress:
                _progress.Add(new VmKey(e.RunId, progress.VmId));
                break;
            case PlanStatusChanged:
                _runs.Add(e.RunId);
                break;
        }
    }

    /// <summary>
    /// Takes what may be sent at <paramref name="now"/>: every phase change in order, the VMs that changed
    /// phase or finished a precopy, the VMs whose last send is at least the interval ago, and the runs touched.
    /// </summary>
    public CoalescedFlush TakeDue(DateTimeOffset now)
    {
        var vms = new HashSet<VmKey>(_urgent);
        foreach (var key in _progress)
        {
            if (vms.Contains(key) || !_lastSent.TryGetValue(key, out var last) || now - last >= minInterval) vms.Add(key);
        }

        foreach (var key in vms)
        {
            _progress.Remove(key);
            _lastSent[key] = now;
        }

        var full = new HashSet<VmKey>(_urgent);
        var runs = new HashSet<Guid>(_runs);
        runs.UnionWith(vms.Select(v => v.RunId));
        var statusRuns = new HashSet<Guid>(_runs);
        statusRuns.UnionWith(_urgent.Select(v => v.RunId));
        statusRuns.UnionWith(runs.Where(r => !_lastStatus.TryGetValue(r, out var last) || now - last >= StatusInterval));
        foreach (var run in statusRuns) _lastStatus[run] = now;
        var flush = new CoalescedFlush([.. _phaseChanges], vms, full, runs, statusRuns, new HashSet<Guid>(_runs));
        _urgent.Clear();
        _runs.Clear();
        _phaseChanges.Clear();
        return flush;
    }

    /// <summary>When the earliest held-back progress may be sent; null when nothing is held back.</summary>
    public DateTimeOffset? NextDue =>
        _progress.Count == 0 ? null : _progress.Min(k => _lastSent.TryGetValue(k, out var last) ? last + minInterval : DateTimeOffset.MinValue);

    /// <summary>Forgets the send times of a finished run's VMs.</summary>
    public void Forget(Guid runId)
    {
        foreach (var key in _lastSent.Keys.Where(k => k.RunId == runId).ToList()) _lastSent.Remove(key);
        _lastStatus.Remove(runId);
    }
}

public readonly record struct VmKey(Guid RunId, string VmId);

/// <summary>
/// What one flush sends: phase changes in order, the VMs due (<see cref="FullVms"/> with precopies and pipeline,
/// the others progress only), the runs to read, the runs whose status goes out, and the runs that changed status
/// (all their VMs go out in full).
/// </summary>
public sealed record CoalescedFlush(
    IReadOnlyList<VmPhaseChanged> PhaseChanges,
    IReadOnlySet<VmKey> Vms,
    IReadOnlySet<VmKey> FullVms,
    IReadOnlySet<Guid> Runs,
    IReadOnlySet<Guid> StatusRuns,
    IReadOnlySet<Guid> ChangedRuns)
{
    public bool IsEmpty => PhaseChanges.Count == 0 && Vms.Count == 0 && Runs.Count == 0;
}
