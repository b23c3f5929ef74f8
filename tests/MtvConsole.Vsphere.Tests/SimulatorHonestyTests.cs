using System.Text;
using System.Xml.Linq;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>
/// The simulator refuses what vCenter refuses (tests/vcsim sessions.go, collector_versions.go, tasks.go, quiesce.go), so
/// a client that relies on the simulator's leniency fails here rather than against a real vCenter.
/// </summary>
public sealed class SimulatorHonestyTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>
{
    private static readonly XElement[] ReadRootFolder =
    [
        Vim.El("specSet",
            Vim.El("propSet", Vim.El("type", "Folder"), Vim.El("pathSet", "name")),
            Vim.El("objectSet", Vim.Ref("obj", "Folder", "group-d1"))),
        Vim.El("options"),
    ];

    [Fact]
    public async Task A_property_read_without_a_session_is_not_authenticated()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        var body = SoapEnvelope.Build("RetrievePropertiesEx", "PropertyCollector", "propertyCollector", ReadRootFolder).ToString(SaveOptions.DisableFormatting);

        using var response = await http.PostAsync(fixture.Sim.Url, new StringContent(body, Encoding.UTF8, "text/xml"));

        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Vim.SoapEnv + "Fault").Single();
        Assert.Equal("NotAuthenticated", SoapEnvelope.Fault(fault, "RetrievePropertiesEx").FaultName);
    }

    [Fact]
    public async Task A_collector_version_this_session_was_never_given_is_refused()
    {
        await using var client = new VimClient(fixture.Sim.Options());
        await client.ConnectAsync();

        var error = await Assert.ThrowsAsync<VimFaultException>(() => client.InvokeAsync("WaitForUpdatesEx", "PropertyCollector", client.Content.PropertyCollector,
            [Vim.El("version", "-"), Vim.El("options", Vim.El("maxWaitSeconds", 0))]));

        Assert.Equal("InvalidCollectorVersion", error.FaultName);
    }

    [Fact]
    public async Task A_quiescing_snapshot_of_a_running_vm_without_tools_fails_and_makes_no_snapshot()
    {
        await using var client = new VimClient(fixture.Sim.Options());
        var vmId = fixture.Sim.Role("no-tools").Id;

        var response = await client.InvokeAsync("CreateSnapshot_Task", "VirtualMachine", vmId,
            [Vim.El("name", "backup"), Vim.El("description", "nightly"), Vim.El("memory", false), Vim.El("quiesce", true)]);
        var task = await new PropertyCollector(client).RetrieveOneAsync("Task", response.ChildText("returnval")!, ["info"], default);

        var info = task!.Properties.Single().Value!;
        Assert.Equal("error", info.ChildText("state"));
        Assert.Equal("ToolsUnavailable", Vim.TypeOf(info.Child("error")!.Child("fault")!));
        Assert.Equal("Cannot quiesce this virtual machine because VMware Tools is not currently available.", info.Child("error")!.ChildText("localizedMessage"));
        var vm = await new PropertyCollector(client).RetrieveOneAsync("VirtualMachine", vmId, ["snapshot"], default);
        Assert.Empty(vm!.Properties);
    }

    [Fact]
    public async Task A_finished_task_is_purged_after_the_retention_time()
    {
        await using var admin = new VcenterAdmin(fixture.Sim);
        await using var client = new VimClient(fixture.Sim.Options());
        var response = await client.InvokeAsync("CreateSnapshot_Task", "VirtualMachine", fixture.Sim.Role("cbt-off").Id,
            [Vim.El("name", "backup"), Vim.El("description", "nightly"), Vim.El("memory", false), Vim.El("quiesce", false)]);
        var taskId = response.ChildText("returnval")!;
        Assert.True(await admin.KnowsTaskAsync(taskId));

        await admin.UntilPurgedAsync(taskId);

        var error = await Assert.ThrowsAsync<VimFaultException>(() => client.InvokeAsync("RetrievePropertiesEx", "PropertyCollector", client.Content.PropertyCollector,
        [
            Vim.El("specSet", PropertyCollector.ObjectSpec("Task", taskId, ["info"])),
            Vim.El("options"),
        ]));
        Assert.Equal("ManagedObjectNotFound", error.FaultName);
    }

    [Fact]
    public async Task An_idle_session_times_out_and_the_client_logs_in_again()
    {
        await using var sim = await Vcsim.StartAsync("-vm", "2", "-session-idle-timeout", "1s");
        await using var client = new VimClient(sim.Options(insecure: true));
        await client.ConnectAsync();

        // The simulator is another process on the real clock: the session must really stay idle for longer than 1 s.
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        await new PropertyCollector(client).CreateContainerViewAsync(["VirtualMachine"], default);

        Assert.Equal(2, client.Logins);
    }
}
