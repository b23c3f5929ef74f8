using System.Collections.Concurrent;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Lab.Hooks;
using YamlDotNet.RepresentationModel;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab;

/// <summary>
/// Hook jobs in the Lab. Each attempt takes <see cref="AttemptSeconds"/>; an image whose name contains
/// "fail" fails every attempt (its output says so), and a job fails once its failures exceed its retries
/// or its deadline passes. On the hook-runner (ansible-runner) image the Lab runs what the real Job would:
/// the playbook through <see cref="PlaybookSimulation"/> with the job's workload.yml, plan.yml and, when the
/// hook names an SSH key Secret, a key at <see cref="HookSshKey.FilePath"/>; with no playbook ansible-runner
/// exits with "<see cref="AnsibleRunnerImage.NoPlaybookMessage"/>" (see <see cref="AnsibleRunnerImage"/>).
/// A playbook that fails does so on every attempt. Everything is computed from the start time, so time comes only from the clock;
/// the jobs are part of the Lab's saved state (<see cref="LabWorld.ExportState"/>), so a job that was running
/// when the console stopped goes on after a restart instead of starting over.
/// </summary>
public sealed class LabHookRunner(TimeProvider time) : IHookRunner
{
    public const double AttemptSeconds = 20;

    private readonly ConcurrentDictionary<(string, string), (HookJobSpec Spec, DateTimeOffset StartedAt)> _jobs = new();

    public Task StartAsync(HookJobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _jobs.TryAdd((spec.Namespace, spec.Name), (spec, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task<HookJobStatus?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue((@namespace, name), out var job)) return Task.FromResult<HookJobStatus?>(null);
        var elapsed = (time.GetUtcNow() - job.StartedAt).TotalSeconds;
        var spec = job.Spec;
        var playbook = AnsibleRunnerImage.Is(spec.Image) ? Playbook(spec) : null;
        var failing = spec.Image.Contains("fail", StringComparison.OrdinalIgnoreCase) || playbook is { Succeeded: false };
        var attemptsDone = (int)(elapsed / AttemptSeconds);
        HookJobStatus status;
        if (spec.DeadlineSeconds is { } deadline && elapsed >= deadline && (failing || deadline < AttemptSeconds))
        {
            status = new HookJobStatus(HookJobPhase.Failed, Math.Min(attemptsDone, spec.Retries + 1),
                $"Job '{name}' was active longer than its deadline of {deadline} s (DeadlineExceeded).");
        }
        else if (!failing)
        {
            status = attemptsDone >= 1
                ? new HookJobStatus(HookJobPhase.Succeeded, 0, playbook?.Output ?? $"PLAY RECAP: localhost ok=2 changed=1 failed=0 (VM {spec.VmId})")
                : new HookJobStatus(HookJobPhase.Running, 0, "ansible-runner is running the playbook");
        }
        else
        {
            var output = playbook?.Output ?? $"fatal: [localhost]: FAILED! => {{\"msg\": \"hook image {spec.Image} exited with code 2 for VM {spec.VmId}\"}}";
            status = attemptsDone > spec.Retries
                ? new HookJobStatus(HookJobPhase.Failed, spec.Retries + 1, output)
                : new HookJobStatus(HookJobPhase.Running, attemptsDone, attemptsDone > 0 ? output : "ansible-runner is running the playbook");
        }

        return Task.FromResult<HookJobStatus?>(status);
    }

    /// <summary>What ansible-runner does in the hook pod: no playbook, no run; otherwise the playbook on the mounted files.</summary>
    private static PlaybookOutcome Playbook(HookJobSpec spec)
    {
        var text = HookPlaybookText.Decode(spec.Playbook);
        if (text.Length == 0) return new PlaybookOutcome(false, AnsibleRunnerImage.NoPlaybookMessage);
        var files = new Dictionary<string, string>
        {
            ["/tmp/hook/playbook.yml"] = text,
            ["/tmp/hook/workload.yml"] = spec.WorkloadYaml,
            ["/tmp/hook/plan.yml"] = spec.PlanYaml,
        };
        if (!string.IsNullOrWhiteSpace(spec.SshKeySecret)) files[HookSshKey.FilePath] = $"(the private key of Secret {spec.SshKeySecret})";
        return PlaybookSimulation.Run("/tmp/hook/playbook.yml", files, new LabGuests(WorkloadIp(spec.WorkloadYaml)));
    }

    private static string WorkloadIp(string workloadYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(workloadYaml));
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("vm"), out var vm) && vm is YamlMappingNode map
            && map.Children.TryGetValue(new YamlScalarNode("ipaddress"), out var ip) && ip is YamlScalarNode scalar
            ? scalar.Value ?? "" : "";
    }

    /// <summary>The jobs that exist now, for the Lab's saved state.</summary>
    public IReadOnlyList<LabHookJobState> Export() =>
        [.. _jobs.Values.OrderBy(j => j.StartedAt).Select(j => new LabHookJobState(j.Spec, j.StartedAt))];

    /// <summary>Replaces the jobs with saved ones.</summary>
    public void Import(IReadOnlyList<LabHookJobState>? jobs)
    {
        _jobs.Clear();
        foreach (var job in jobs ?? []) _jobs[(job.Spec.Namespace, job.Spec.Name)] = (job.Spec, job.StartedAt);
    }

    public Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        _jobs.TryRemove((@namespace, name), out _);
        return Task.CompletedTask;
    }
}
