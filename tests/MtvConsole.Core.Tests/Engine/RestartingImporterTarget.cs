using System.Reflection;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A target that passes every call to the Lab cluster but reports the DataVolumes of the disks whose
/// names contain <see cref="VmMarker"/> with an importer that restarted <see cref="RestartCount"/> times.
/// </summary>
public class RestartingImporterTarget : DispatchProxy
{
    private ITargetCluster _inner = null!;

    public string VmMarker { get; private set; } = "";

    public int RestartCount { get; set; }

    public static ITargetCluster Wrap(ITargetCluster inner, string vmMarker, int restartCount)
    {
        var proxy = Create<ITargetCluster, RestartingImporterTarget>();
        var self = (RestartingImporterTarget)(object)proxy;
        (self._inner, self.VmMarker, self.RestartCount) = (inner, vmMarker, restartCount);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        return targetMethod.Name == nameof(ITargetCluster.GetDataVolumeAsync) ? WithRestartsAsync((Task<DataVolumeStatus?>)result!) : result;
    }

    private async Task<DataVolumeStatus?> WithRestartsAsync(Task<DataVolumeStatus?> status)
    {
        var dv = await status;
        return dv is not null && dv.Name.Contains(VmMarker, StringComparison.Ordinal)
            ? dv with { RestartCount = RestartCount, Message = "Unable to connect to vddk data source: timed out" }
            : dv;
    }
}
