using Microsoft.Extensions.Options;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.KubeVirt;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.Web.Planning;

/// <summary>The YAML of the Kubernetes objects a plan's migration will create, per VM (Secrets redacted).</summary>
public sealed class PlanManifests(IMigrationStore store, IProviderAdapters adapters, IOptions<KubeVirtOptions> options)
{
    /// <summary>The YAML of every VM (or of one VM when <paramref name="vmId"/> is given), or a reason it cannot be rendered.</summary>
    public async Task<ManifestResult> RenderAsync(string planName, string? vmId = null, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(planName, ct);
        if (preview.Vms is not { } vms) return new ManifestResult(null, preview.Problem, preview.PlanFound);
        if (vmId is null) return new ManifestResult(ManifestPreview.Render(vms, options.Value), null, true);
        var vm = vms.FirstOrDefault(v => v.VmId == vmId);
        return vm is null
            ? new ManifestResult(null, $"Plan '{planName}' has no VM with id '{vmId}'.", PlanFound: false)
            : new ManifestResult(ManifestPreview.Render([vm], options.Value), null, true);
    }

    /// <summary>
    /// What the plan will create for each of its VMs, not yet rendered (cheap for a large plan: the YAML of one VM
    /// is made by <see cref="Objects"/> when it is looked at), or a reason there is none.
    /// </summary>
    public async Task<TargetPreviewResult> PreviewAsync(string planName, CancellationToken ct = default)
    {
        var plan = await store.FindPlanAsync(planName, ct);
        if (plan is null) return new TargetPreviewResult(null, $"Plan '{planName}' does not exist.", PlanFound: false);
        var context = await store.GetPlanContextAsync(plan.Id, ct);
        if (context is null) return new TargetPreviewResult(null, $"Plan '{planName}' refers to a provider or map that no longer exists.", true);
        try
        {
            var inventory = await adapters.Source(context.Source).GetInventoryAsync(ct);
            return new TargetPreviewResult(TargetPreview.Build(context, inventory, await store.GetSettingsAsync(ct)), null, true);
        }
        catch (Exception e) when (e is InvalidOperationException or ProviderUnavailableException or HttpRequestException or IOException)
        {
            return new TargetPreviewResult(null, e.Message, true);
        }
    }

    /// <summary>Each object one VM's migration will create, titled by kind and name, as YAML.</summary>
    public IReadOnlyList<TargetObjectYaml> Objects(VmTargetPreview vm) =>
        [.. ManifestPreview.Objects(vm, options.Value).Select(o => new TargetObjectYaml(o.Title, o.Yaml.TrimEnd() + "\n"))];

    /// <summary>One VM's objects as one multi-document YAML, as the API serves it.</summary>
    public string Document(VmTargetPreview vm) => ManifestPreview.Render([vm], options.Value);
}

/// <summary>The rendered YAML, or why there is none.</summary>
public sealed record ManifestResult(string? Yaml, string? Problem, bool PlanFound);

/// <summary>The plan's VMs with what each will create, or why there is none.</summary>
public sealed record TargetPreviewResult(IReadOnlyList<VmTargetPreview>? Vms, string? Problem, bool PlanFound);

/// <summary>One Kubernetes object as YAML, titled "Kind name".</summary>
public sealed record TargetObjectYaml(string Title, string Yaml);
