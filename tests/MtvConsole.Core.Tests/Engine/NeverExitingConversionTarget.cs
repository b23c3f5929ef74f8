using System.Reflection;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A target that passes every call to the Lab cluster but creates conversion pods with LOCAL_MIGRATION on, as an
/// image that ignores the console's LOCAL_MIGRATION=false would run: the finished pod then waits for /shutdown forever.
/// </summary>
public class NeverExitingConversionTarget : DispatchProxy
{
    private ITargetCluster _inner = null!;

    public static ITargetCluster Wrap(ITargetCluster inner)
    {
        var proxy = Create<ITargetCluster, NeverExitingConversionTarget>();
        ((NeverExitingConversionTarget)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(ITargetCluster.CreateConversionPodAsync))
            args![0] = (ConversionPodSpec)args[0]! with { LocalMigration = true };
        return targetMethod.Invoke(_inner, args);
    }
}
