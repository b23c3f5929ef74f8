using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Providers;

/// <summary>On first start (no providers at all) adds the Lab's simulated vCenter and its "host" OpenShift cluster.</summary>
internal sealed class LabSeeder(IDbContextFactory<MtvDbContext> dbFactory, IAuditLog audit, TimeProvider time, ILogger<LabSeeder> logger)
{
    public const string VCenterName = "lab-vcenter";
    public const string ClusterName = "host";
    public const string VCenterUrl = "https://vcenter.lab.local/sdk";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Providers.AnyAsync(ct)) return;
        var now = time.GetUtcNow();
        db.Providers.Add(new Provider { Name = VCenterName, Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = VCenterUrl, UserName = "administrator@vsphere.local", CreatedAt = now });
        db.Providers.Add(new Provider { Name = ClusterName, Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab, Url = "", CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("system", AuditActions.Create, $"provider/{VCenterName}", "Lab simulated vCenter", true, ct);
        await audit.RecordAsync("system", AuditActions.Create, $"provider/{ClusterName}", "Lab simulated OpenShift cluster", true, ct);
        logger.LogInformation("Seeded the Lab providers '{VCenter}' and '{Cluster}'.", VCenterName, ClusterName);
    }
}
