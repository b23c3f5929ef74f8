using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Simulation;

public sealed class ConversionPodTests
{
    private const string Ns = "vm-imports";
    private const long HundredGiB = 100L << 30;
    private readonly LabTestWorld _lab = new();

    [Fact]
    public async Task Linux_conversion_is_pending_then_runs_for_base_plus_per_gib_time_then_succeeds()
    {
        await CreateAsync("rhel", "rhel9_64Guest");
        var runSeconds = _lab.Options.ConversionBaseSecondsLinux + 100 * _lab.Options.ConversionSecondsPerGiBLinux;

        Assert.Equal(PodPhase.Pending, (await PodAsync("rhel")).Phase);
        _lab.Advance(_lab.Options.ConversionPodPendingSeconds + runSeconds / 2);
        var running = await PodAsync("rhel");
        Assert.Equal(PodPhase.Running, running.Phase);
        Assert.InRange(running.ProgressPercent, 49, 51);

        _lab.Advance(runSeconds / 2);
        Assert.Equal(PodPhase.Succeeded, (await PodAsync("rhel")).Phase);
    }

    [Fact]
    public async Task Windows_conversion_takes_longer_than_linux_for_the_same_disks()
    {
        await CreateAsync("rhel", "rhel8_64Guest");
        await CreateAsync("win", "windows2019srv_64Guest");
        var linuxSeconds = _lab.Options.ConversionPodPendingSeconds + _lab.Options.ConversionBaseSecondsLinux
            + 100 * _lab.Options.ConversionSecondsPerGiBLinux;

        _lab.Advance(linuxSeconds);

        Assert.Equal(PodPhase.Succeeded, (await PodAsync("rhel")).Phase);
        Assert.Equal(PodPhase.Running, (await PodAsync("win")).Phase);
    }

    [Theory]
    [InlineData("rhel6_64Guest")]
    [InlineData("vmwarePhoton64Guest")]
    public async Task Unsupported_guest_os_fails_conversion_with_a_message(string guestId)
    {
        await CreateAsync("old", guestId);

        _lab.Advance(_lab.Options.ConversionPodPendingSeconds + _lab.Options.ConversionFailureSeconds);

        var pod = await PodAsync("old");
        Assert.Equal(PodPhase.Failed, pod.Phase);
        Assert.Contains(guestId, pod.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_local_migration_the_finished_pod_keeps_running_as_the_image_waits_for_shutdown()
    {
        await _lab.Cluster.CreateConversionPodAsync(new ConversionPodSpec
        {
            Namespace = Ns, Name = "local", VmId = _lab.Vsphere.Vms[0].Id, GuestId = "rhel9_64Guest", TotalDiskBytes = HundredGiB, LocalMigration = true,
        });
        await CreateAsync("remote", "rhel9_64Guest");
        var runSeconds = _lab.Options.ConversionBaseSecondsLinux + 100 * _lab.Options.ConversionSecondsPerGiBLinux;

        _lab.Advance(_lab.Options.ConversionPodPendingSeconds + runSeconds * 10);

        Assert.Equal(PodPhase.Succeeded, (await PodAsync("remote")).Phase);
        var local = await PodAsync("local");
        Assert.Equal((PodPhase.Running, 100), (local.Phase, local.ProgressPercent));
        Assert.Contains("/shutdown", local.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_in_a_missing_namespace_is_rejected()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _lab.Cluster.CreateConversionPodAsync(new ConversionPodSpec
        {
            Namespace = "nope", Name = "x", VmId = "vm-1", GuestId = "rhel9_64Guest", TotalDiskBytes = 1,
        }));
    }

    private Task CreateAsync(string name, string guestId) => _lab.Cluster.CreateConversionPodAsync(new ConversionPodSpec
    {
        Namespace = Ns, Name = name, VmId = _lab.Vsphere.Vms[0].Id, GuestId = guestId, TotalDiskBytes = HundredGiB,
    });

    private async Task<PodStatus> PodAsync(string name) => (await _lab.Cluster.GetPodAsync(Ns, name))!;
}
