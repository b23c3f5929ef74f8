namespace MtvConsole.KubeVirt.Connection;

/// <summary>
/// One verb on one resource the migration needs; <see cref="Subresource"/> (e.g. <c>finalizers</c>, <c>proxy</c>) and
/// <see cref="ResourceName"/> (an SCC's name) narrow it, as in a SelfSubjectAccessReview and a ClusterRole rule.
/// </summary>
public sealed record Permission(string Group, string Resource, string Verb, string Subresource = "", string ResourceName = "")
{
    /// <summary>The resource as a ClusterRole names it: <c>virtualmachines/finalizers</c>.</summary>
    public string RuleResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>The resource as people read it: <c>virtualmachines/finalizers.kubevirt.io</c>, <c>securitycontextconstraints.security.openshift.io "x"</c>.</summary>
    public string Display => (Group.Length == 0 ? RuleResource : $"{RuleResource}.{Group}") + (ResourceName.Length == 0 ? "" : $" \"{ResourceName}\"");

    public override string ToString() => $"{Verb} {Display}";
}

/// <summary>Every verb a migration uses on the target, checked with SelfSubjectAccessReview by the connection test.</summary>
public static class RequiredPermissions
{
    public static IReadOnlyList<Permission> For(KubeVirtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            .. Verbs("", "namespaces", "get", "list", "watch", "create"),
            .. Verbs("", "secrets", "get", "create", "update", "delete"),
            .. Verbs("", "configmaps", "get", "create", "delete"),
            .. Verbs("", "pods", "get", "list", "create", "delete"),
            // The conversion's progress through the API server's pod proxy (ConversionProgress), and its log.
            new("", "pods", "get", "proxy"),
            new("", "pods", "get", "log"),
            .. Verbs("", "persistentvolumeclaims", "get"), // a DataVolume's claim: checkpoint-copied and importPodName annotations (DataVolumeClaim)
            .. Verbs("batch", "jobs", "get", "create", "delete"),
            .. Verbs("storage.k8s.io", "storageclasses", "list", "watch"),
            .. Verbs("cdi.kubevirt.io", "storageprofiles", "list", "watch"), // the inventory watch (TargetInventoryWatcher)
            .. Verbs("cdi.kubevirt.io", "datavolumes", "get", "list", "create", "update", "delete"),
            .. Verbs("kubevirt.io", "virtualmachines", "get", "list", "watch", "create", "patch", "delete"),
            // OwnerReferencesPermissionEnforcement (enabled on OpenShift): an ownerReference with blockOwnerDeletion
            // (DataVolume → VM, Secret → DataVolume, OwnerReferences.To) needs update on the owner's finalizers.
            new("kubevirt.io", "virtualmachines", "update", "finalizers"),
            new("cdi.kubevirt.io", "datavolumes", "update", "finalizers"),
            .. Verbs("k8s.cni.cncf.io", "network-attachment-definitions", "get", "list", "watch"),
            // The conversion pod runs as user and group 107 (kubev2v/forklift d42511bb2 pkg/controller/conversion/builder.go:17-20,
            // 171-176), outside a namespace's restricted-v2 range: SCC admission needs an SCC the creator may use.
            new("security.openshift.io", "securitycontextconstraints", "use", ResourceName: options.ConversionScc),
        ];
    }

    /// <summary>What to add to the console's ClusterRole for the missing verbs of one resource.</summary>
    public static string Fix(IEnumerable<Permission> missing)
    {
        var list = missing.ToList();
        var first = list[0];
        var names = first.ResourceName.Length == 0 ? "" : $", resourceNames: [\"{first.ResourceName}\"]";
        return $"{{apiGroups: [\"{first.Group}\"], resources: [\"{first.RuleResource}\"]{names}, verbs: [{string.Join(", ", list.Select(p => $"\"{p.Verb}\""))}]}}";
    }

    private static IEnumerable<Permission> Verbs(string group, string resource, params string[] verbs) => verbs.Select(v => new Permission(group, resource, v));
}
