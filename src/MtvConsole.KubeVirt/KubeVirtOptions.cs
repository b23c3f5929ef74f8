namespace MtvConsole.KubeVirt;

/// <summary>Images and knobs of the real target (configuration section <c>KubeVirt</c>).</summary>
public sealed class KubeVirtOptions
{
    public const string Section = "KubeVirt";

    /// <summary>
    /// The virt-v2v guest conversion image (VIRT_V2V_IMAGE). The pod is built for the entrypoint of current
    /// images (kubev2v/forklift d42511bb2 cmd/virt-v2v/entrypoint.go): libvirt URL and <c>/etc/secret</c>, no ConfigMap.
    /// </summary>
    public string VirtV2vImage { get; set; } = "quay.io/kubev2v/forklift-virt-v2v:latest";

    /// <summary>
    /// The SecurityContextConstraints that admits the conversion pod (runAsUser and fsGroup 107, seccomp
    /// <c>localhost/profiles/unshare.json</c>). The console's account needs <c>use</c> on it; the connection test checks that.
    /// Forklift's operator installs <c>forklift-controller-scc</c> with exactly these allowances
    /// (operator/roles/forkliftcontroller/templates/controller/controller-scc.yml.j2 @ d42511bb2).
    /// </summary>
    public string ConversionScc { get; set; } = "forklift-controller-scc";

    /// <summary>
    /// The target is OpenShift: the conversion pod asks for seccomp <c>localhost/profiles/unshare.json</c>, which RHCOS
    /// nodes carry; otherwise <c>RuntimeDefault</c>, as upstream's OPENSHIFT switch does
    /// (pkg/controller/conversion/builder.go:139-147 @ d42511bb2). libguestfs's passt needs unshare(2), which CRI-O's
    /// default profile refuses to a pod without CAP_SYS_ADMIN (kubev2v/forklift#1445, MTV-2236); on a plain Kubernetes
    /// node with RuntimeDefault the conversion may therefore fail with "Couldn't create user namespace" (kubev2v/forklift#8581).
    /// </summary>
    public bool OpenShift { get; set; } = true;
}
