using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Tests.Validation;

public sealed class AcknowledgementTests
{
    private static readonly Guid Provider = Guid.NewGuid();

    private readonly InMemoryConcernStore _concerns = new();
    private readonly ListAcknowledgementStore _acks = new();
    private readonly ListAuditLog _audit = new();
    private readonly ConcernAcknowledgements _acknowledgements;

    public AcknowledgementTests()
    {
        _acknowledgements = new ConcernAcknowledgements(_acks, _concerns, _audit, new FakeTimeProvider());
        Put("vm-1", "db01", "{'name':'db01','disks':[{'rdm':true}],'devices':[{'kind':'VirtualPCIPassthrough'}],'cpuAffinity':[1]}");
        Put("vm-2", "web01", "{'name':'web01','cpuAffinity':[1]}");
        Put("vm-3", "app01", "{'name':'app01','disks':[{'rdm':true}]}");
    }

    private void Put(string id, string name, string json)
    {
        var workload = Check.Parse(json);
        _concerns.Put(new VmValidation(Provider, "lab", id, name, 1, RuleSet.BuiltIn.Version, Check.Concerns(workload), DateTimeOffset.UnixEpoch, workload,
            new VmSource(null, null, null, false)));
    }

    private IReadOnlyList<VmBlocker> Blockers() => CriticalConcernBlockers.Find(_concerns, _acks, Provider, ["vm-1", "vm-2", "vm-3", "vm-unknown"]);

    [Fact]
    public void Vms_with_unacknowledged_critical_concerns_block_with_one_item_per_concern()
    {
        var blockers = Blockers();

        Assert.Equal(["vm-1", "vm-3"], blockers.Select(b => b.VmId));
        Assert.Equal(["db01 (Passthrough device detected)", "db01 (Raw Device Mapped disk detected)"], blockers[0].Items.Order());
    }

    [Fact]
    public async Task Acknowledging_every_critical_concern_of_a_vm_unblocks_it_and_is_audited()
    {
        Assert.Null(await _acknowledgements.AcknowledgeAsync("otto", Provider, "vm-1", "vmware.disk.rdm.detected", "RDM detached at cutover"));
        Assert.Equal(["vm-1", "vm-3"], Blockers().Select(b => b.VmId));
        Assert.Null(await _acknowledgements.AcknowledgeAsync("otto", Provider, "vm-1", "vmware.passthrough_device.detected", "GPU removed before start"));

        Assert.Equal(["vm-3"], Blockers().Select(b => b.VmId));
        Assert.Equal(("otto", ConcernAcknowledgements.AcknowledgeAction, "vm/db01", "vmware.disk.rdm.detected: RDM detached at cutover"), _audit.Entries[0]);
    }

    [Fact]
    public async Task Withdrawing_an_acknowledgement_blocks_again_and_is_audited()
    {
        await _acknowledgements.AcknowledgeAsync("otto", Provider, "vm-3", "vmware.disk.rdm.detected", "accepted");
        Assert.DoesNotContain(Blockers(), b => b.VmId == "vm-3");

        Assert.Null(await _acknowledgements.WithdrawAsync("ada", Provider, "vm-3", "vmware.disk.rdm.detected", "RDM is still attached"));

        Assert.Contains(Blockers(), b => b.VmId == "vm-3");
        Assert.Equal(("ada", ConcernAcknowledgements.WithdrawAction, "vm/app01", "vmware.disk.rdm.detected: RDM is still attached"), _audit.Entries[^1]);
    }

    [Theory]
    [InlineData("vm-1", "vmware.disk.rdm.detected", " ", "Give a reason")]
    [InlineData("vm-2", "vmware.cpu_affinity.detected", "fine", "Only Critical concerns")]
    [InlineData("vm-2", "vmware.disk.rdm.detected", "fine", "VM 'web01' has no concern")]
    [InlineData("vm-9", "vmware.disk.rdm.detected", "fine", "No validated VM 'vm-9'")]
    public async Task Acknowledging_what_cannot_be_acknowledged_says_why(string vmId, string concernId, string reason, string problemStart)
    {
        var problem = await _acknowledgements.AcknowledgeAsync("otto", Provider, vmId, concernId, reason);

        Assert.StartsWith(problemStart, problem);
        Assert.Empty(_acks.All());
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task Acknowledging_twice_or_withdrawing_nothing_is_refused()
    {
        await _acknowledgements.AcknowledgeAsync("otto", Provider, "vm-3", "vmware.disk.rdm.detected", "accepted");

        Assert.StartsWith("The concern 'vmware.disk.rdm.detected' of VM 'app01' is already acknowledged", await _acknowledgements.AcknowledgeAsync("otto", Provider, "vm-3", "vmware.disk.rdm.detected", "again"));
        Assert.NotNull(await _acknowledgements.WithdrawAsync("otto", Provider, "vm-1", "vmware.disk.rdm.detected", "never acknowledged"));
    }
}
