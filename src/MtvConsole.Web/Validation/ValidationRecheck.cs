using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Validation;

/// <summary>"Re-check now": reloads the custom rules, reads every provider's inventory and revalidates every VM.</summary>
public interface IValidationRecheck
{
    Task<int> RecheckAsync(CancellationToken ct = default);
}

internal sealed class ValidationRecheck(CustomRulesLoader rules, ProviderValidationSync sync, ValidationService validation) : IValidationRecheck
{
    public async Task<int> RecheckAsync(CancellationToken ct = default)
    {
        rules.Reload();
        await sync.SyncAllAsync(ct);
        return validation.Recheck();
    }
}
