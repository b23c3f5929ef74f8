using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Feeds every vSphere provider's inventory to the <see cref="ValidationService"/>, with the VMs of warm
/// plans marked. Runs are serialized; a provider that cannot be reached keeps its last results.
/// </summary>
public sealed class ProviderValidationSync(
    IDbContextFactory<MtvDbContext> dbFactory,
    IProviderAdapters adapters,
    IPlanLookup plans,
    ValidationService validation,
    ILogger<ProviderValidationSync> logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);

    public async Task SyncAllAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var providers = await db.Providers.AsNoTracking().Where(p => p.Type == ProviderType.Vsphere).ToListAsync(ct);
            var warmPlans = (await plans.PlansAsync(ct)).Where(p => p.Warm).ToList();
            foreach (var known in validation.Store.All().Select(v => v.ProviderId).Distinct().Where(id => providers.All(p => p.Id != id)))
                validation.RemoveProvider(known);
            foreach (var provider in providers)
            {
                try
                {
                    var inventory = await adapters.Source(provider).GetInventoryAsync(ct);
                    var warm = warmPlans.Where(p => p.SourceProviderId == provider.Id)
                        .SelectMany(p => p.VmIds.Concat(p.VmNames.Select(n => inventory.Vms.FirstOrDefault(v => v.Name == n)?.Id).OfType<string>()))
                        .ToHashSet(StringComparer.Ordinal);
                    var report = validation.Sync(provider.Id, provider.Name, inventory, warm);
                    if (report.Validated + report.Removed > 0)
                        logger.LogInformation("Validated {Validated} of {Vms} VMs of {Provider} ({Removed} removed).", report.Validated, report.Vms, provider.Name, report.Removed);
                }
                catch (Exception e) when (ProviderErrors.IsUnreachable(e))
                {
                    logger.LogWarning("Provider {Provider}: not validated: {Error}", provider.Name, e.Message);
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }
}
