using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Plan conditions (reference §2.5, plus 2.1/2.2 additions): maps, namespace, VM references,
/// duplicates, target names, existing target VMs, unmapped networks and storage, transfer network,
/// hooks (really set, unlike upstream 2.0–2.2), warm without CBT, hosts in maintenance, critical
/// concerns, archived. VM checks are skipped while the plan is executing.
/// </summary>
public static class PlanValidator
{
    public const string ReadyMessage = "The migration plan is ready.";

    public static void Validate(Plan plan, PlanContext context, DateTimeOffset now)
    {
        plan.Validate(now, set =>
        {
            ProviderPairValidator.Validate(plan, context.Source, context.Destination, set, now);
            ValidateNamespace(plan, set, now);
            ValidateMaps(plan, context, set, now);
            ValidateTransferNetwork(plan, context, set, now);
            ValidateHooks(plan, context, set, now);
            VddkImageConditions.Validate(context, set, now);
            if (plan.Archived)
                set.Set(Make.Advisory(ConditionTypes.Archived, ConditionReasons.UserRequested, "The migration plan has been archived."), now);
            if (!set.Has(ConditionTypes.Executing) && context.SourceInventory is not null)
                ValidateVms(plan, context, context.SourceInventory, set, now);
            else
                KeepVmConditions(set, now);
        }, plan.Archived ? null : ReadyMessage);
    }

    private static readonly string[] VmConditionTypes =
    [
        ConditionTypes.VMRefNotValid, ConditionTypes.VMNotFound, ConditionTypes.DuplicateVM, ConditionTypes.TargetNameNotValid,
        ConditionTypes.VMAlreadyExists, ConditionTypes.VMNetworksNotMapped, ConditionTypes.VMStorageNotMapped,
        ConditionTypes.HostNotReady, ConditionTypes.VMMissingChangedBlockTracking, ConditionTypes.VMCriticalConcerns,
        ConditionTypes.VMMultiplePodNetworkMappings, ConditionTypes.MacConflicts, ConditionTypes.VddkThumbprintMissing,
    ];

    // While executing (or without an inventory) the VM list is not re-validated: keep what was found.
    private static void KeepVmConditions(ConditionSet set, DateTimeOffset now)
    {
        foreach (var type in VmConditionTypes)
            if (set.Find(type) is { } existing) set.Set(existing, now);
    }

    private static void ValidateNamespace(Plan plan, ConditionSet set, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(plan.TargetNamespace))
            set.Set(Make.Critical(ConditionTypes.NamespaceNotValid, ConditionReasons.NotSet, "Target namespace is not valid.", suggestion: "Set the target namespace."), now);
        else if (ResourceNames.Dns1123Problem(plan.TargetNamespace) is { } problem)
            set.Set(Make.Critical(ConditionTypes.NamespaceNotValid, ConditionReasons.NotValid, "Target namespace is not valid.", [plan.TargetNamespace],
                $"The namespace {problem}."), now);
    }

    private static void ValidateMaps(Plan plan, PlanContext context, ConditionSet set, DateTimeOffset now)
    {
        if (plan.NetworkMapId is null)
            set.Set(Make.Critical(ConditionTypes.NetworkMapRefNotValid, ConditionReasons.NotSet, "Map.Network is not valid."), now);
        else if (context.NetworkMap is null)
            set.Set(Make.Critical(ConditionTypes.NetworkMapRefNotValid, ConditionReasons.NotFound, "Map.Network is not valid."), now);
        else if (!context.NetworkMap.IsReady)
            set.Set(Make.Critical(ConditionTypes.NetworkMapNotReady, "", "Map.Network does not have Ready condition.", [context.NetworkMap.Name],
                context.NetworkMap.FirstBlocker?.Message), now);

        if (plan.StorageMapId is null)
            set.Set(Make.Critical(ConditionTypes.StorageRefNotValid, ConditionReasons.NotSet, "Map.Storage is not valid."), now);
        else if (context.StorageMap is null)
            set.Set(Make.Critical(ConditionTypes.StorageRefNotValid, ConditionReasons.NotFound, "Map.Storage is not valid."), now);
        else if (!context.StorageMap.IsReady)
            set.Set(Make.Critical(ConditionTypes.StorageMapNotReady, "", "Map.Storage does not have Ready condition.", [context.StorageMap.Name],
                context.StorageMap.FirstBlocker?.Message), now);
    }

    private static void ValidateTransferNetwork(Plan plan, PlanContext context, ConditionSet set, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(plan.TransferNetwork) || context.TargetInventory is null) return;
        var nad = context.TargetInventory.NetworkAttachmentDefinitions.FirstOrDefault(n => n.QualifiedName == plan.TransferNetwork);
        if (nad is null)
            set.Set(Make.Critical(ConditionTypes.TransferNetworkNotValid, ConditionReasons.NotFound, "Transfer network is not valid.", [plan.TransferNetwork],
                $"The NetworkAttachmentDefinition {plan.TransferNetwork} does not exist on the target cluster; create it or pick another transfer network."), now);
        // kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go validateTransferNetwork: a route annotation that is not an IP
        // is critical; a bad IPAM default gateway is refused too, before start, where upstream fails later in setTransferNetwork.
        else if (nad.TransferRoute.Problem(nad.QualifiedName) is { } problem)
            set.Set(Make.Critical(ConditionTypes.TransferNetworkNotValid, ConditionReasons.NotValid,
                nad.TransferRoute.FromAnnotation ? "Transfer network default route annotation is not a valid IP address." : "Transfer network default route is not a valid IP address.",
                [plan.TransferNetwork], problem), now);
    }

    private static void ValidateHooks(Plan plan, PlanContext context, ConditionSet set, DateTimeOffset now)
    {
        var hooks = plan.Vms.SelectMany(v => v.Hooks).ToList();
        var missing = hooks.Where(h => h.HookId == Guid.Empty).ToList();
        var notFound = hooks.Where(h => h.HookId != Guid.Empty && !context.Hooks.ContainsKey(h.HookId)).Select(h => h.HookId.ToString()).Distinct().ToList();
        var notReady = hooks.Where(h => context.Hooks.TryGetValue(h.HookId, out var hook) && !hook.IsReady)
            .Select(h => context.Hooks[h.HookId].Name).Distinct().ToList();
        var badStep = hooks.Where(h => !Enum.IsDefined(h.Step)).Select(h => h.Step.ToString()).Distinct().ToList();
        if (missing.Count > 0)
            set.Set(Make.Critical(ConditionTypes.HookNotValid, ConditionReasons.NotSet, "Hook specified by: `namespace` and `name`."), now);
        else if (notFound.Count > 0)
            set.Set(Make.Critical(ConditionTypes.HookNotValid, ConditionReasons.NotFound, "Hook not found.", notFound), now);
        if (notReady.Count > 0)
            set.Set(Make.Critical(ConditionTypes.HookNotReady, ConditionReasons.NotFound, "Hook does not have `Ready` condition.", notReady), now);
        if (badStep.Count > 0)
            set.Set(Make.Critical(ConditionTypes.HookStepNotValid, ConditionReasons.NotValid, "Hook step not valid.", badStep,
                "A hook runs at PreHook or PostHook."), now);
    }

    private static void ValidateVms(Plan plan, PlanContext context, VsphereInventory inventory, ConditionSet set, DateTimeOffset now)
    {
        if (plan.Vms.Count == 0)
        {
            set.Set(Make.Critical(ConditionTypes.VMRefNotValid, ConditionReasons.NotSet, "The plan has no VMs.", suggestion: "Add at least one VM."), now);
            return;
        }

        var batch = RefBatch<VsphereVm>.Resolve(plan.Vms.Select(v => v.Ref), inventory.Vms, v => v.Id, v => v.Name, v => v.Path, "VM");
        var found = batch.Found;
        if (batch.NotSet > 0)
            set.Set(Make.Critical(ConditionTypes.VMRefNotValid, ConditionReasons.NotSet, "Either `ID` or `Name` required."), now);
        if (batch.NotFound.Count > 0)
            set.Set(Make.Critical(ConditionTypes.VMNotFound, ConditionReasons.NotFound, "VM not found.", batch.NotFound,
                "The VM is no longer in the source inventory; remove it from the plan."), now);

        var duplicates = found.GroupBy(v => v.Id).Where(g => g.Count() > 1).Select(g => Label(g.First())).ToList();
        if (batch.Ambiguous.Count > 0)
            set.Set(Make.Critical(ConditionTypes.DuplicateVM, ConditionReasons.Ambiguous, "VM reference is ambiguous.", batch.Ambiguous,
                "Several VMs have this name; select the VM by its id or path."), now);
        else if (duplicates.Count > 0)
            set.Set(Make.Critical(ConditionTypes.DuplicateVM, ConditionReasons.NotUnique, "Duplicate (source) VM.", duplicates), now);

        var vms = found.DistinctBy(v => v.Id).ToList();
        ValidateTargetNames(vms, set, now);

        if (context.TargetInventory is { } target)
        {
            // The target VM carries the adjusted name (MigrationNames.TargetVm), so that is the name that must be free.
            var existing = target.Vms.Where(v => v.Namespace == plan.TargetNamespace).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            SetIfAny(set, now, vms.Where(v => existing.Contains(MigrationNames.TargetVm(v.Name)) && !context.MigratedVmIds.Contains(v.Id)), ConditionTypes.VMAlreadyExists,
                ConditionReasons.NotUnique, "Target VM already exists.", $"A VM with this name already exists in namespace {plan.TargetNamespace}; pick another target namespace or remove the VM there.");
            VmNetworkChecks.MacConflicts(plan, vms, target, context.MigratedVmIds, set, now);
        }

        if (context.NetworkMap is { } networkMap)
        {
            var mapped = networkMap.References.ToHashSet(StringComparer.Ordinal);
            SetIfAny(set, now, vms.Where(v => v.NetworkIds.Any(n => !mapped.Contains(n))), ConditionTypes.VMNetworksNotMapped, ConditionReasons.NotValid,
                "VM has unmapped networks.", $"Add the VMs' networks to the network map {networkMap.Name}.");
            VmNetworkChecks.MultiplePodNetworks(vms, networkMap, inventory, set, now);
        }
        if (context.StorageMap is { } storageMap)
        {
            var mapped = storageMap.References.ToHashSet(StringComparer.Ordinal);
            SetIfAny(set, now, vms.Where(v => v.Disks.Any(d => !mapped.Contains(d.DatastoreId))), ConditionTypes.VMStorageNotMapped, ConditionReasons.NotValid,
                "VM has unmapped storage.", $"Add the VMs' datastores to the storage map {storageMap.Name}.");
        }

        SetIfAny(set, now, vms.Where(v => inventory.FindHost(v.HostId)?.InMaintenance == true), ConditionTypes.HostNotReady, "InMaintenanceMode",
            "VM host is in maintenance mode.", "Take the host out of maintenance mode, or wait until the VM moves to another host.", warn: true);

        if (plan.Warm)
            SetIfAny(set, now, vms.Where(v => !v.ChangeTrackingEnabled || v.Disks.Any(d => !d.ChangeTrackingEnabled)), ConditionTypes.VMMissingChangedBlockTracking,
                ConditionReasons.NotValid, "Changed Block Tracking (CBT) has not been enabled on some VMs; warm migration needs it.",
                "Enable CBT on these VMs (and their disks), or migrate them cold.");

        VddkThumbprintValidator.Validate(plan, context, inventory, vms, set, now);

        var critical = context.CriticalConcerns([.. vms.Select(v => v.Id)]);
        if (critical.Count > 0)
            set.Set(Make.Critical(ConditionTypes.VMCriticalConcerns, ConditionReasons.NotValid,
                "One or more VMs in the plan have critical concerns that block migration.", critical,
                "Review the concerns on the Validation page: fix them, remove the VMs, or acknowledge the concern with a reason."), now);
    }

    /// <summary>
    /// TargetNameNotValid as current Forklift has it: a VM whose name is not a DNS-1123 label is migrated under an
    /// adjusted name (a warning that says which), unless two VMs of the plan would get the same name (critical).
    /// </summary>
    private static void ValidateTargetNames(IReadOnlyList<VsphereVm> vms, ConditionSet set, DateTimeOffset now)
    {
        var clashes = vms.GroupBy(v => MigrationNames.TargetVm(v.Name), StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (clashes.Count > 0)
        {
            set.Set(Make.Critical(ConditionTypes.TargetNameNotValid, ConditionReasons.NotUnique, "Target VM names not unique.", [.. clashes.SelectMany(g => g).Select(Label)],
                $"These VMs would be created under the same name ({string.Join("; ", clashes.Select(g => $"{string.Join(", ", g.Select(v => v.Name))} → {g.Key}"))}); rename one of each in vSphere or migrate them in separate plans with different target namespaces."), now);
            return;
        }

        var renamed = vms.Where(v => !ResourceNames.IsDns1123Label(v.Name)).ToList();
        if (renamed.Count > 0)
            set.Set(Make.Warn(ConditionTypes.TargetNameNotValid, ConditionReasons.NotValid, "Target VM name not valid.", [.. renamed.Select(Label)],
                $"These VMs are created under adjusted DNS-1123 names: {string.Join(", ", renamed.Take(10).Select(v => $"{v.Name} → {MigrationNames.TargetVm(v.Name)}"))}{(renamed.Count > 10 ? $" and {renamed.Count - 10} more" : "")}. Rename them in vSphere first to choose the names yourself."), now);
    }

    private static void SetIfAny(ConditionSet set, DateTimeOffset now, IEnumerable<VsphereVm> vms, string type, string reason, string message, string suggestion, bool warn = false)
    {
        var items = vms.Select(Label).ToList();
        if (items.Count == 0) return;
        set.Set(warn ? Make.Warn(type, reason, message, items, suggestion) : Make.Critical(type, reason, message, items, suggestion), now);
    }

    private static string Label(VsphereVm vm) => new Ref(vm.Id, vm.Name, "VM").ToString();
}
