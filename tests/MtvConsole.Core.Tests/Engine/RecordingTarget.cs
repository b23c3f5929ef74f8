using System.Reflection;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>A target that passes every call to another and keeps the DataVolume specs the engine asked it to create.</summary>
public class RecordingTarget : DispatchProxy
{
    private ITargetCluster _inner = null!;

    public List<DataVolumeSpec> DataVolumes { get; } = [];

    public static (ITargetCluster Target, RecordingTarget Recorder) Wrap(ITargetCluster inner)
    {
        var proxy = Create<ITargetCluster, RecordingTarget>();
        var self = (RecordingTarget)(object)proxy;
        self._inner = inner;
        return (proxy, self);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(ITargetCluster.CreateDataVolumeAsync)) DataVolumes.Add((DataVolumeSpec)args![0]!);
        return targetMethod.Invoke(_inner, args);
    }
}
