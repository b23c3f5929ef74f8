using k8s.Models;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt;

/// <summary>The conversion Pod's phase and message as the engine reads them (reference §4.2 ConvertGuest).</summary>
public static class ConversionPodStatus
{
    public const string FailedMessage = "Guest conversion failed. See pod logs for details.";

    public static PodStatus Read(V1Pod pod)
    {
        var phase = pod.Status?.Phase switch
        {
            "Running" => PodPhase.Running,
            "Succeeded" => PodPhase.Succeeded,
            "Failed" => PodPhase.Failed,
            _ => PodPhase.Pending,
        };
        var terminated = pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.Message;
        var message = phase switch
        {
            PodPhase.Failed => string.IsNullOrEmpty(terminated) ? FailedMessage : $"{FailedMessage} {terminated}",
            _ => pod.Status?.Message ?? "",
        };
        return new PodStatus(pod.Metadata.NamespaceProperty, pod.Metadata.Name, phase, message, phase == PodPhase.Succeeded ? 100 : 0);
    }
}
