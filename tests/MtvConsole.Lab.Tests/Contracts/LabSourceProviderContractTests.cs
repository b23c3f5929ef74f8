using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Contracts;

public sealed class LabSourceProviderContractTests : SourceProviderContract
{
    private readonly LabTestWorld _lab = new();

    protected override ISourceProvider Provider => _lab.VCenter;

    protected override string RunningVmId => _lab.HealthyRunningVm().Id;

    protected override string CbtDisabledVmId =>
        _lab.Vsphere.Vms.First(v => !v.ChangeTrackingEnabled && v.PowerState == Core.Inventory.PowerState.PoweredOn).Id;

    protected override string VmWithoutToolsId => _lab.Vsphere.Vms.First(v => v.ToolsStatus == "toolsNotInstalled").Id;

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _lab.Time.Advance(duration);
        return Task.CompletedTask;
    }
}
