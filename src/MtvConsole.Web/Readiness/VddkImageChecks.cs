using System.Security.Cryptography;
using System.Text;
using k8s.Autorest;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Readiness;

/// <summary>
/// Runs the VDDK validation Job of a plan's source provider on its target cluster (in the plan's target namespace, as
/// upstream does) and records the result per (provider, target) with the image it checked. A finished result is reused
/// by every plan of that pair until the provider's image changes or the provider is saved again (which forgets it); a
/// Job of an image that is no longer the provider's is deleted, as upstream cancels a stale one
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:1953-2048).
/// </summary>
public sealed class VddkImageChecks(IProviderAdapters adapters, ILogger<VddkImageChecks> logger)
{
    public async Task<VddkImageCheck?> CheckAsync(MtvDbContext db, Plan plan, Provider? source, Provider? destination, DateTimeOffset now, CancellationToken ct)
    {
        if (source is not { NeedsVddkImage: true, VddkInitImage: { Length: > 0 } image } || destination is not { Type: ProviderType.OpenShift }) return null;
        var record = db.VddkImageChecks.Local.FirstOrDefault(c => c.ProviderId == source.Id && c.TargetProviderId == destination.Id)
            ?? await db.VddkImageChecks.FirstOrDefaultAsync(c => c.ProviderId == source.Id && c.TargetProviderId == destination.Id, ct);
        if (record is { Phase: not VddkImageCheckPhase.Running } && record.Image == image) return record;
        if (plan.Archived || !destination.IsReady || ResourceNames.Dns1123Problem(plan.TargetNamespace) is not null
            || adapters.VddkImages(destination) is not { } validator)
            return record?.Image == image ? record : null;

        try
        {
            if (record is not null && record.Image != image)
            {
                await validator.DeleteAsync(record.Namespace, record.JobName, ct);
                Restart(record, image, plan.TargetNamespace, now);
            }
            else if (record is null)
            {
                record = new VddkImageCheck { ProviderId = source.Id, TargetProviderId = destination.Id };
                Restart(record, image, plan.TargetNamespace, now);
                db.VddkImageChecks.Add(record);
            }

            await adapters.Target(destination).EnsureNamespaceAsync(record.Namespace, ct);
            var labels = new Dictionary<string, string> { ["vddk"] = Md5(image), ["provider"] = source.Id.ToString() };
            var result = await validator.ValidateAsync(new VddkValidationJob(record.Namespace, record.JobName, image, source.Name, labels), ct);
            record.Phase = result.Phase;
            record.Reason = result.Reason;
            record.Message = result.Message;
            record.StartedAt = result.StartedAt ?? record.StartedAt;
            record.UpdatedAt = now;
        }
        catch (Exception e) when (ProviderErrors.IsUnreachable(e) || e is HttpOperationException)
        {
            logger.LogWarning("VDDK image validation of provider {Provider} on {Target} could not run: {Error}", source.Name, destination.Name,
                e is HttpOperationException h ? h.Response?.Content ?? h.Message : e.Message);
        }

        return record;
    }

    private static void Restart(VddkImageCheck record, string image, string @namespace, DateTimeOffset now)
    {
        record.Image = image;
        record.Namespace = @namespace;
        // A new Job per record and image: a provider saved again (record forgotten) or a changed image validates afresh.
        record.JobName = "vddk-validator-" + Md5($"{record.Id}|{image}")[..16];
        record.Phase = VddkImageCheckPhase.Running;
        record.Reason = record.Message = "";
        record.StartedAt = record.UpdatedAt = now;
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
