using Microsoft.Extensions.Options;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.KubeVirt;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.Web.Planning;

/// <summary>The YAML of the Kubernetes objects a plan's migration will create, per VM (Secrets redacted).</summary>
public sealed class PlanManifests(IMigrationStore store, IProviderAdapters adapters, IOptions<KubeVirtOptions> options)
{
    /// <summary>The YAML, or a reason it cannot be rendered (no such plan, source unreachable, unmapped datastore).</summary>
    public async Task<ManifestResult> RenderAsync(string planName, CancellationToken ct = default)
    {
        var plan = await store.FindPlanAsync(planName, ct);
        if (plan is null) return new ManifestResult(null, $"Plan '{planName}' does not exist.", PlanFound: false);
        var context = await store.GetPlanContextAsync(plan.Id, ct);
        if (context is null) return new ManifestResult(null, $"Plan '{planName}' refers to a provider or map that no longer exists.", true);
        try
        {
            var inventory = await adapters.Source(context.Source).GetInventoryAsync(ct);
            var previews = TargetPreview.Build(context, inventory, await store.GetSettingsAsync(ct));
            return new ManifestResult(ManifestPreview.Render(previews, options.Value), null, true);
        }
        catch (Exception e) when (e is InvalidOperationException or ProviderUnavailableException or HttpRequestException or IOException)
        {
            return new ManifestResult(null, e.Message, true);
        }
    }
}

/// <summary>The rendered YAML, or why there is none.</summary>
public sealed record ManifestResult(string? Yaml, string? Problem, bool PlanFound);
