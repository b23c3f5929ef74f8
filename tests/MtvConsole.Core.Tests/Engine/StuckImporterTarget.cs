using System.Reflection;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A target that passes every call to the Lab cluster but, while <see cref="Stuck"/> is set, reports the DataVolumes
/// whose names contain <see cref="VmMarker"/> as a real cluster does when the importer's VDDK image cannot be pulled:
/// <c>ImportScheduled</c>, no progress, the importer pod's <c>vddk-side-car</c> init container in ImagePullBackOff.
/// </summary>
public class StuckImporterTarget : DispatchProxy
{
    private ITargetCluster _inner = null!;

    public string VmMarker { get; private set; } = "";

    public bool Stuck { get; set; } = true;

    public const string Image = "quay.io/kubev2v/vddk:8.0.3";

    public static (ITargetCluster Target, StuckImporterTarget Control) Wrap(ITargetCluster inner, string vmMarker)
    {
        var proxy = Create<ITargetCluster, StuckImporterTarget>();
        var self = (StuckImporterTarget)(object)proxy;
        (self._inner, self.VmMarker) = (inner, vmMarker);
        return (proxy, self);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        return targetMethod.Name == nameof(ITargetCluster.GetDataVolumeAsync) ? StuckAsync((Task<DataVolumeStatus?>)result!) : result;
    }

    private async Task<DataVolumeStatus?> StuckAsync(Task<DataVolumeStatus?> status)
    {
        var dv = await status;
        return dv is not null && Stuck && dv.Name.Contains(VmMarker, StringComparison.Ordinal)
            ? dv with
            {
                Phase = DataVolumePhase.ImportScheduled,
                ProgressPercent = 0,
                BytesTransferred = 0,
                Message = "Import pod scheduled",
                ImporterWaiting = new ImporterWaiting($"importer-{dv.Name}", "vddk-side-car", Image, "ImagePullBackOff", $"Back-off pulling image \"{Image}\""),
            }
            : dv;
    }
}
