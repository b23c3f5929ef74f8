using System.Globalization;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// An importer that never starts: its VDDK init image cannot be pulled (the kubelet keeps the pod in
/// <c>ErrImagePull</c>/<c>ImagePullBackOff</c> and CDI keeps the DataVolume <c>ImportScheduled</c>; kubevirt/containerized-data-importer
/// c07cdb6fb pkg/controller/import-controller.go:1247-1275 puts the image in the <c>vddk-side-car</c> init container), or the
/// DataVolume stays <c>Pending</c>. Neither ever ends by itself, so once a disk has waited
/// <see cref="EngineSettings.ImporterStartTimeoutMinutes"/> its VM fails with what to do. The wait is counted
/// from the first poll that saw it, kept on the disk's task so an engine restart does not reset it.
/// </summary>
internal static class ImporterStartWatch
{
    public const string WaitingSinceAnnotation = "importerWaitingSince";

    /// <summary>Why the disk's VM fails now, or null; records or clears the start of the wait on <paramref name="task"/>.</summary>
    public static string? Check(PipelineTask task, DataVolumeStatus dv, Provider source, TimeSpan timeout, DateTimeOffset now, out bool changed)
    {
        changed = false;
        var waiting = dv.ImporterWaiting is not null || dv.Phase is DataVolumePhase.Pending or DataVolumePhase.ImportScheduled;
        if (!waiting)
        {
            changed = task.Annotations.Remove(WaitingSinceAnnotation);
            return null;
        }

        if (!task.Annotations.TryGetValue(WaitingSinceAnnotation, out var text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since))
        {
            task.Annotations[WaitingSinceAnnotation] = now.ToString("O", CultureInfo.InvariantCulture);
            changed = true;
            since = now;
        }

        var waited = now - since;
        if (waited < timeout) return null;
        var minutes = (int)Math.Round(waited.TotalMinutes);
        return dv.ImporterWaiting is { } pod
            ? $"Disk {task.Name}: the importer pod {pod.Pod} could not start for {minutes} min: {pod.Reason} for image {pod.Image}" +
              (pod.Message.Length > 0 ? $" ({pod.Message})" : "") + ". " + ImageAdvice(pod, source)
            : $"Disk {task.Name}: DataVolume {dv.Name} stayed {dv.Phase} for {minutes} min" + (dv.Message.Length > 0 ? $" ({dv.Message})" : "") +
              $". Check the importer pod and the PVC in namespace {dv.Namespace} (kubectl describe: events, storage class, quota), fix the cause, then restart the plan.";
    }

    private static string ImageAdvice(ImporterWaiting pod, Provider source) => pod.Container == "vddk-side-car"
        ? $"Check the VDDK init image of provider '{source.Name}': it must exist and be pullable from the cluster (registry, tag, pull secret). Fix it on the provider, then restart the plan."
        : $"Check that image {pod.Image} exists and is pullable from the cluster, then restart the plan.";
}
