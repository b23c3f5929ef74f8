namespace MtvConsole.KubeVirt;

/// <summary>Images and knobs of the real target (configuration section <c>KubeVirt</c>).</summary>
public sealed class KubeVirtOptions
{
    public const string Section = "KubeVirt";

    /// <summary>The virt-v2v guest conversion image (VIRT_V2V_IMAGE).</summary>
    public string VirtV2vImage { get; set; } = "quay.io/kubev2v/forklift-virt-v2v:latest";
}
