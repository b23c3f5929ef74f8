namespace MtvConsole.Core.Ports;

/// <summary>
/// Runs migration hooks as jobs on the target (a Kubernetes Job on a real cluster, a simulated job in the
/// Lab). A job retries a failed attempt up to <see cref="HookJobSpec.Retries"/> times and fails when its
/// deadline passes.
/// </summary>
public interface IHookRunner
{
    /// <summary>Starts the job; a no-op when a job of that name exists (so a resumed engine adopts it).</summary>
    Task StartAsync(HookJobSpec spec, CancellationToken cancellationToken = default);

    Task<HookJobStatus?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default);
}

public sealed record HookJobSpec
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public string? Playbook { get; init; }
    public string? ServiceAccount { get; init; }
    public int? DeadlineSeconds { get; init; }

    /// <summary>The Secret with the SSH private key (<c>key</c>) to mount at <see cref="Resources.HookSshKey.MountPath"/>; none when null.</summary>
    public string? SshKeySecret { get; init; }

    public int Retries { get; init; } = 3;
    public required string VmId { get; init; }

    /// <summary>Labels for the job and what it needs (plan, migration, vmID).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The hook's <c>workload.yml</c>: the VM as the source inventory describes it.</summary>
    public string WorkloadYaml { get; init; } = "";

    /// <summary>The hook's <c>plan.yml</c>: the plan the VM migrates with.</summary>
    public string PlanYaml { get; init; } = "";
}

public enum HookJobPhase
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>A hook job's state, its failed attempts and the output of the last attempt.</summary>
public sealed record HookJobStatus(HookJobPhase Phase, int Failures, string Output);
