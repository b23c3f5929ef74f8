using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Providers;

/// <summary>The outcome for one VM of "Enable CBT": enabled, or vCenter's reason.</summary>
public sealed record CbtResult(string VmId, bool Enabled, string? Error);

/// <summary>The outcome of "Enable CBT" for selected VMs, or why nothing was tried.</summary>
public sealed record CbtOutcome(IReadOnlyList<CbtResult> Results, string? Problem, int Status = 200);

/// <summary>
/// "Enable CBT" for selected VMs of a vSphere provider (the prerequisite of warm migration): one audited
/// reconfiguration per VM, then a provider refresh so validation sees the change.
/// </summary>
public sealed class ChangeTrackingService(
    IDbContextFactory<MtvDbContext> dbFactory,
    IProviderAdapters adapters,
    ProviderStatusService status,
    IAuditLog audit) : IChangeTrackingActions
{
    public const string AuditAction = "vm.enable-cbt";

    public async Task<IReadOnlySet<Guid>> CapableProvidersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Providers.AsNoTracking()
            .Where(p => p.Type == ProviderType.Vsphere && p.Backing == ProviderBacking.Remote).Select(p => p.Id).ToListAsync(ct);
        return ids.ToHashSet();
    }

    public async Task<CbtOutcome> EnableAsync(string providerName, IReadOnlyList<string> vmIds, string user, CancellationToken ct = default)
    {
        if (vmIds.Count == 0 || vmIds.Any(string.IsNullOrWhiteSpace)) return new CbtOutcome([], "Select at least one VM (vmIds).", 400);
        Provider? provider;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Name == providerName, ct);
        if (provider is null) return new CbtOutcome([], $"No provider named '{providerName}'.", 404);
        if (provider.Type != ProviderType.Vsphere) return new CbtOutcome([], $"'{provider.Name}' is not a vSphere provider.", 400);

        ISourceProvider source;
        try
        {
            source = adapters.Source(provider);
        }
        catch (ProviderUnavailableException e)
        {
            return new CbtOutcome([], e.Message, 409);
        }
        if (source is not IChangeTrackingControl control)
            return new CbtOutcome([], $"'{provider.Name}' cannot change changed block tracking (the Lab's VMs keep their simulated settings).", 409);
        var inventory = await source.GetInventoryAsync(ct);
        var unknown = vmIds.Where(id => inventory.FindVm(id) is null).ToList();
        if (unknown.Count > 0) return new CbtOutcome([], $"No VM {string.Join(", ", unknown)} in '{provider.Name}'.", 400);

        var results = new List<CbtResult>();
        foreach (var vmId in vmIds.Distinct(StringComparer.Ordinal))
        {
            var vm = inventory.FindVm(vmId)!;
            try
            {
                await control.EnableChangeBlockTrackingAsync(vmId, ct);
                results.Add(new CbtResult(vmId, true, null));
                await audit.RecordAsync(user, AuditAction, $"{provider.Name}/{vm.Name}", $"VM {vmId}", true, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException || ProviderErrors.IsUnreachable(e))
            {
                results.Add(new CbtResult(vmId, false, e.Message));
                await audit.RecordAsync(user, AuditAction, $"{provider.Name}/{vm.Name}", e.Message, false, ct);
            }
        }
        await status.RefreshAsync(provider.Id, ct);
        return new CbtOutcome(results, null);
    }
}
