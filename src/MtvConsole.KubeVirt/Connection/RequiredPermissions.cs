namespace MtvConsole.KubeVirt.Connection;

/// <summary>One verb on one resource the migration needs.</summary>
public sealed record Permission(string Group, string Resource, string Verb)
{
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? Resource : $"{Resource}.{Group}")}";
}

/// <summary>Every verb a migration uses on the target, checked with SelfSubjectAccessReview by the connection test.</summary>
public static class RequiredPermissions
{
    public static readonly IReadOnlyList<Permission> All =
    [
        .. Verbs("", "namespaces", "get", "list", "watch", "create"),
        .. Verbs("", "secrets", "get", "create", "update", "delete"),
        .. Verbs("", "configmaps", "get", "create", "delete"),
        .. Verbs("", "pods", "get", "create", "delete"),
        .. Verbs("", "persistentvolumeclaims", "get"), // a DataVolume's claim: checkpoint-copied and importPodName annotations (DataVolumeClaim)
        .. Verbs("batch", "jobs", "get", "create", "delete"),
        .. Verbs("storage.k8s.io", "storageclasses", "list", "watch"),
        .. Verbs("cdi.kubevirt.io", "storageprofiles", "list"),
        .. Verbs("cdi.kubevirt.io", "datavolumes", "get", "list", "create", "update", "delete"),
        .. Verbs("kubevirt.io", "virtualmachines", "get", "list", "watch", "create", "patch", "delete"),
        .. Verbs("k8s.cni.cncf.io", "network-attachment-definitions", "get", "list", "watch"),
    ];

    private static IEnumerable<Permission> Verbs(string group, string resource, params string[] verbs) => verbs.Select(v => new Permission(group, resource, v));
}
