using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;

namespace MtvConsole.Web.Providers;

/// <summary>
/// On first start (no providers at all) adds the Lab's simulated vCenter, with its certificate's SHA-1 pinned (the importer's
/// DataVolumes carry it as their VDDK thumbprint), and its "host" OpenShift cluster. A Lab vCenter seeded before pins
/// were given gets its pin on the next start.
/// </summary>
internal sealed class LabSeeder(IDbContextFactory<MtvDbContext> dbFactory, LabWorld world, IAuditLog audit, TimeProvider time, ILogger<LabSeeder> logger)
{
    public const string VCenterName = "lab-vcenter";
    public const string ClusterName = "host";
    public const string VCenterUrl = "https://vcenter.lab.local/sdk";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Providers.AnyAsync(ct))
        {
            await PinLabVCentersAsync(db, ct);
            return;
        }
        var now = time.GetUtcNow();
        db.Providers.Add(new Provider
        {
            Name = VCenterName, Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = VCenterUrl, UserName = "administrator@vsphere.local",
            PinnedSha1 = world.VCenterThumbprint, CreatedAt = now,
        });
        db.Providers.Add(new Provider { Name = ClusterName, Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab, Url = "", CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("system", AuditActions.Create, $"provider/{VCenterName}", "Lab simulated vCenter", true, ct);
        await audit.RecordAsync("system", AuditActions.Create, $"provider/{ClusterName}", "Lab simulated OpenShift cluster", true, ct);
        logger.LogInformation("Seeded the Lab providers '{VCenter}' and '{Cluster}'.", VCenterName, ClusterName);
    }

    private async Task PinLabVCentersAsync(MtvDbContext db, CancellationToken ct)
    {
        var unpinned = await db.Providers.Where(p => p.Type == ProviderType.Vsphere && p.Backing == ProviderBacking.Lab && p.PinnedSha1 == null).ToListAsync(ct);
        if (unpinned.Count == 0) return;
        foreach (var provider in unpinned) provider.PinnedSha1 = world.VCenterThumbprint;
        await db.SaveChangesAsync(ct);
        foreach (var provider in unpinned)
            await audit.RecordAsync("system", AuditActions.Update, $"provider/{provider.Name}", $"Lab vCenter certificate SHA-1 {world.VCenterThumbprint} pinned", true, ct);
    }
}
