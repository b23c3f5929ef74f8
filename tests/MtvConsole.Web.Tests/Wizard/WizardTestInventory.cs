using MtvConsole.Core.Inventory;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Web.Tests.Wizard;

/// <summary>The default Lab inventory (60 VMs), generated once for the wizard tests.</summary>
internal static class WizardTestInventory
{
    private static readonly Lazy<LabInventory> Lab = new(() => LabInventoryGenerator.Generate(new LabOptions()));

    public static VsphereInventory Source => Lab.Value.Vsphere;
    public static TargetInventory Target => Lab.Value.Target;
}
