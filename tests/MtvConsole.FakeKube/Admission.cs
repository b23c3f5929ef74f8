using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>An SCC as admission sees it: whether it pins user and fsGroup to the namespace's range, and the seccomp profiles it allows.</summary>
/// <param name="MustRunAsRange">runAsUser MustRunAsRange and fsGroup MustRunAs (the namespace's range), else RunAsAny.</param>
/// <param name="UsableByAll">Granted to every authenticated user (restricted-v2 is), else only with RBAC <c>use</c> on its name.</param>
public sealed record SccModel(string Name, bool MustRunAsRange, IReadOnlyList<string> SeccompProfiles, bool UsableByAll);

/// <summary>
/// The admission an OpenShift API server runs on a create or update, after RBAC:
/// <list type="bullet">
/// <item>Namespaces get <c>openshift.io/sa.scc.uid-range</c> (and the supplemental-groups range), as OpenShift's
/// namespace-security-allocation controller gives every new namespace a block of 10000 ids.</item>
/// <item>Pods pass SecurityContextConstraints admission: the pod is admitted when some SCC the requester may use
/// validates it. <c>restricted-v2</c> (every authenticated user) pins runAsUser and fsGroup to the namespace's range
/// and allows only the <c>runtime/default</c> seccomp profile; a RunAsAny SCC such as Forklift's
/// <c>forklift-controller-scc</c> (kubev2v/forklift d42511bb2
/// operator/roles/forkliftcontroller/templates/controller/controller-scc.yml.j2: runAsUser RunAsAny, seccomp
/// runtime/default and localhost/profiles/unshare.json) needs RBAC <c>use</c> on it. Refused with 403 and OpenShift's
/// "unable to validate against any security context constraint" message.</item>
/// <item>OwnerReferencesPermissionEnforcement (enabled on OpenShift; Kubernetes plugin/pkg/admission/gc): setting
/// <c>blockOwnerDeletion: true</c> on an ownerReference, on create or when an update adds it, needs <c>update</c> on the
/// owner's <c>&lt;resource&gt;/finalizers</c>; refused with 403 Forbidden. (The OwnerReference field's API doc speaks of
/// 422; the admission plugin answers with admission.NewForbidden, which is 403.)</item>
/// </list>
/// The fake's one user is the one <see cref="Rbac"/> describes; by default it may do everything, so it may use every SCC.
/// </summary>
public sealed class Admission(ObjectStore store, Rbac rbac)
{
    public const string UidRangeAnnotation = "openshift.io/sa.scc.uid-range";
    public const string SupplementalGroupsAnnotation = "openshift.io/sa.scc.supplemental-groups";
    public const string RuntimeDefault = "runtime/default";
    public const string UnshareProfile = "localhost/profiles/unshare.json";
    private const long FirstUid = 1000660000;
    private const long BlockSize = 10000;

    private long _nextBlock;

    /// <summary>The SCCs on the cluster, in the order admission tries them.</summary>
    public List<SccModel> Sccs { get; } =
    [
        new("restricted-v2", MustRunAsRange: true, [RuntimeDefault], UsableByAll: true),
        new("forklift-controller-scc", MustRunAsRange: false, [RuntimeDefault, UnshareProfile], UsableByAll: false),
    ];

    /// <summary>Gives a namespace its uid and supplemental-group ranges unless it has them.</summary>
    public JsonObject WithIdRanges(JsonObject ns)
    {
        var meta = ns["metadata"] as JsonObject ?? throw new InvalidOperationException("A namespace without metadata.");
        if (meta["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            meta["annotations"] = annotations;
        }

        if (annotations[UidRangeAnnotation] is null)
        {
            var start = FirstUid + (Interlocked.Increment(ref _nextBlock) - 1) * BlockSize;
            var range = string.Create(CultureInfo.InvariantCulture, $"{start}/{BlockSize}");
            annotations[UidRangeAnnotation] = range;
            annotations[SupplementalGroupsAnnotation] = range;
        }

        return ns;
    }

    /// <summary>Admits <paramref name="obj"/> (created when <paramref name="old"/> is null, else replacing it) or throws the API server's refusal.</summary>
    public void Admit(ResourceType type, string? ns, JsonObject obj, JsonObject? old)
    {
        if (type == ResourceTypes.Namespace && old is null) WithIdRanges(obj);
        if (type == ResourceTypes.Pod && old is null) AdmitPod(ns!, obj);
        AdmitOwnerReferences(type, ns, obj, old);
    }

    private void AdmitPod(string ns, JsonObject pod)
    {
        var name = pod["metadata"]?["name"]?.GetValue<string>() ?? "";
        var range = UidRange(ns);
        var reasons = new List<string>();
        foreach (var scc in Sccs)
        {
            if (!scc.UsableByAll && !rbac.Allows("security.openshift.io", "securitycontextconstraints", "use", scc.Name))
            {
                reasons.Add($"provider \"{scc.Name}\": Forbidden: not usable by user or serviceaccount");
                continue;
            }

            var problems = Problems(pod, scc, range);
            if (problems.Count == 0) return;
            reasons.Add($"provider {scc.Name}: {string.Join(", ", problems)}");
        }

        throw new KubeApiException(403, "Forbidden",
            $"pods \"{name}\" is forbidden: unable to validate against any security context constraint: [{string.Join(", ", reasons)}]");
    }

    private static List<string> Problems(JsonObject pod, SccModel scc, (long First, long Last)? range)
    {
        var problems = new List<string>();
        var podContext = pod["spec"]?["securityContext"];
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Concat(pod["spec"]?["initContainers"] as JsonArray ?? []).ToList();
        if (scc.MustRunAsRange)
        {
            if (range is not { } r)
                return [$"unable to find annotation {UidRangeAnnotation}"];
            var fsGroup = podContext?["fsGroup"]?.GetValue<long>();
            if (fsGroup is { } g && (g < r.First || g > r.Last))
                problems.Add($".spec.securityContext.fsGroup: Invalid value: []int64{{{g}}}: {g} is not an allowed group");
            var users = new List<(string Path, long Uid)>();
            if (podContext?["runAsUser"]?.GetValue<long>() is { } podUid) users.Add((".spec.securityContext.runAsUser", podUid));
            for (var i = 0; i < containers.Count; i++)
                if (containers[i]?["securityContext"]?["runAsUser"]?.GetValue<long>() is { } uid) users.Add(($"spec.containers[{i}].securityContext.runAsUser", uid));
            foreach (var (path, uid) in users.Where(u => u.Uid < r.First || u.Uid > r.Last))
                problems.Add($"{path}: Invalid value: {uid}: must be in the ranges: [{r.First}, {r.Last}]");
        }

        var profiles = new List<(string Path, JsonNode? Profile)> { (".spec.securityContext.seccompProfile", podContext?["seccompProfile"]) };
        for (var i = 0; i < containers.Count; i++) profiles.Add(($"spec.containers[{i}].securityContext.seccompProfile", containers[i]?["securityContext"]?["seccompProfile"]));
        foreach (var (path, profile) in profiles)
        {
            if (Seccomp(profile) is { } wanted && !scc.SeccompProfiles.Contains(wanted))
                problems.Add($"{path}.type: Forbidden: {wanted} is not an allowed seccomp profile. Valid values are {string.Join(", ", scc.SeccompProfiles)}");
        }

        return problems;
    }

    /// <summary>The SCC spelling of a pod's seccomp profile: <c>runtime/default</c>, <c>localhost/&lt;path&gt;</c>, <c>unconfined</c>; null when unset.</summary>
    private static string? Seccomp(JsonNode? profile) => profile?["type"]?.GetValue<string>() switch
    {
        null => null,
        "RuntimeDefault" => RuntimeDefault,
        "Localhost" => "localhost/" + profile["localhostProfile"]?.GetValue<string>(),
        "Unconfined" => "unconfined",
        var other => other,
    };

    private (long First, long Last)? UidRange(string ns)
    {
        var value = store.Get(ResourceTypes.Namespace, "", ns)?["metadata"]?["annotations"]?[UidRangeAnnotation]?.GetValue<string>();
        var parts = value?.Split('/');
        return parts is [var first, var size]
            && long.TryParse(first, CultureInfo.InvariantCulture, out var f) && long.TryParse(size, CultureInfo.InvariantCulture, out var s)
            ? (f, f + s - 1)
            : null;
    }

    private void AdmitOwnerReferences(ResourceType type, string? ns, JsonObject obj, JsonObject? old)
    {
        var before = (old?["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .Where(r => r?["blockOwnerDeletion"]?.GetValue<bool>() == true)
            .Select(r => r!["uid"]?.GetValue<string>())
            .ToHashSet();
        foreach (var reference in obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
        {
            if (reference?["blockOwnerDeletion"]?.GetValue<bool>() != true || before.Contains(reference["uid"]?.GetValue<string>())) continue;
            var apiVersion = reference["apiVersion"]?.GetValue<string>() ?? "";
            var kind = reference["kind"]?.GetValue<string>() ?? "";
            var owner = ResourceTypes.All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
            var group = owner?.Group ?? (apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion.Split('/')[0] : "");
            var resource = (owner?.Plural ?? kind.ToLowerInvariant() + "s") + "/finalizers";
            if (rbac.Allows(group, resource, "update")) continue;
            var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
            var where = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
            throw new KubeApiException(403, "Forbidden",
                $"{type.QualifiedName} \"{name}\" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: "
                + $"User \"system:serviceaccount:mtv:console\" cannot update resource \"{resource}\" in API group \"{group}\" {where}, <nil>");
        }
    }
}
