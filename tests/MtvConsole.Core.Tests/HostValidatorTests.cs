using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests;

public class HostValidatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] UserAndPassword = ["user", "password"];

    private static readonly Provider Vsphere = new() { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab };

    private static EsxiHost Host(string id, string name, string path, params HostNetworkAdapter[] adapters) =>
        new(id, name, path, "domain-c1", false, "10.0.0.1", "AA:BB", 2, 16, "VMware ESXi", "7.0.3", "UTC", adapters, [], []);

    private static readonly VsphereInventory Inventory = new([], [], [],
    [
        Host("host-10", "esx-01", "/DC1/host/Prod/esx-01",
            new HostNetworkAdapter("vmk0", "vmk0", "Management", "10.0.0.11", "255.255.255.0", 1500, 1000),
            new HostNetworkAdapter("vmk1", "vmk1", "Migration", "192.168.50.11", "255.255.255.0", 9000, 10000)),
        Host("host-11", "esx-02", "/DC1/host/Prod/esx-02",
            new HostNetworkAdapter("vmk0", "vmk0", "Management", "10.0.0.12", "255.255.255.0", 1500, 1000)),
        Host("host-12", "esx-02", "/DC2/host/Dev/esx-02"),
    ], [], [], []);

    private static MigrationNetworkHost NewHost(Ref reference, string ip = "192.168.50.11", bool secret = true) => new()
    {
        Name = "vc-host-10",
        HostRef = reference,
        IpAddress = ip,
        UserName = "root",
        SecretId = secret ? Guid.NewGuid() : null,
    };

    private static Condition Only(MigrationNetworkHost host, string type) => Assert.Single(host.Conditions, c => c.Type == type);

    [Fact]
    public void A_host_with_a_resolved_ref_an_adapter_ip_and_credentials_is_ready()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        Assert.True(host.IsReady);
        Assert.Equal("The host is ready.", Only(host, ConditionTypes.Ready).Message);
        Assert.Equal(T0, Only(host, ConditionTypes.Ready).LastTransitionTime);
    }

    [Fact]
    public void A_passed_connection_test_is_recorded_and_the_host_is_ready()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0, HostConnectionCheck.Passed);

        var tested = Only(host, ConditionTypes.ConnectionTestSucceeded);
        Assert.Equal((ConditionCategory.Required, ConditionReasons.Tested, "Connection test, succeeded."), (tested.Category, tested.Reason, tested.Message));
        Assert.True(host.IsReady);
    }

    [Fact]
    public void A_failed_connection_test_blocks_ready_with_the_hosts_message_until_a_test_passes()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0, HostConnectionCheck.Failed("Login failed: InvalidLogin: Cannot complete login"));

        var failed = Only(host, ConditionTypes.ConnectionTestFailed);
        Assert.Equal((ConditionCategory.Critical, "Connection test, failed: Login failed: InvalidLogin: Cannot complete login"), (failed.Category, failed.Message));
        Assert.False(host.IsReady);

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0.AddMinutes(10), HostConnectionCheck.Passed);
        Assert.DoesNotContain(host.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.True(host.IsReady);
    }

    [Fact]
    public void A_host_with_spec_blockers_gets_no_connection_condition()
    {
        var host = NewHost(Ref.ById("host-10"), secret: false);

        HostValidator.Apply(host, Vsphere, Inventory, null, T0, HostConnectionCheck.Failed("unreachable"));

        Assert.DoesNotContain(host.Conditions, c => c.Type is ConditionTypes.ConnectionTestFailed or ConditionTypes.ConnectionTestSucceeded);
        Assert.Contains(host.Conditions, c => c.Type == ConditionTypes.SecretNotValid);
    }

    [Fact]
    public void An_unset_ref_is_not_valid_with_reason_not_set()
    {
        var host = NewHost(new Ref());

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        var condition = Only(host, ConditionTypes.RefNotValid);
        Assert.Equal((ConditionCategory.Critical, ConditionReasons.NotSet, "The `id` is not valid."), (condition.Category, condition.Reason, condition.Message));
        Assert.False(host.IsReady);
    }

    [Fact]
    public void A_ref_to_a_missing_host_is_not_found()
    {
        var host = NewHost(Ref.ById("host-99"));

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        var condition = Only(host, ConditionTypes.RefNotValid);
        Assert.Equal((ConditionReasons.NotFound, "Referenced host not found."), (condition.Reason, condition.Message));
        Assert.Equal(["(host) id:host-99 name:'' "], condition.Items);
    }

    [Fact]
    public void A_name_shared_by_two_hosts_is_ambiguous_and_lists_both()
    {
        var host = NewHost(Ref.ByName("esx-02", "host"), ip: "10.0.0.12");

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        var condition = Only(host, ConditionTypes.RefNotValid);
        Assert.Equal(ConditionReasons.Ambiguous, condition.Reason);
        Assert.Equal(2, condition.Items.Count);
        Assert.Contains(condition.Items, i => i.Contains("/DC2/host/Dev/esx-02"));
        Assert.False(host.IsReady);
    }

    [Fact]
    public void A_path_qualified_name_resolves_an_otherwise_ambiguous_host()
    {
        var host = NewHost(Ref.ByName("/DC1/host/Prod/esx-02"), ip: "10.0.0.12");

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        Assert.True(host.IsReady);
    }

    [Fact]
    public void A_provider_that_is_not_vsphere_gives_type_not_valid()
    {
        var openshift = new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, openshift, null, UserAndPassword, T0);

        var condition = Only(host, ConditionTypes.TypeNotValid);
        Assert.Equal(ConditionCategory.Critical, condition.Category);
        Assert.Contains("'host' is not a vSphere provider", condition.Message);
        Assert.False(host.IsReady);
    }

    [Fact]
    public void An_ip_that_is_not_one_of_the_hosts_adapters_is_not_valid_and_lists_the_adapters_fastest_first()
    {
        var host = NewHost(Ref.ById("host-10"), ip: "10.9.9.9");

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        var condition = Only(host, ConditionTypes.IpNotValid);
        Assert.Equal(ConditionReasons.NotFound, condition.Reason);
        Assert.Equal("'10.9.9.9' is not an address of host 'esx-01'; pick one of its VMkernel adapters.", condition.Message);
        Assert.Equal(["vmk1 192.168.50.11", "vmk0 10.0.0.11"], condition.Items);
        Assert.False(host.IsReady);
    }

    [Theory]
    [InlineData("", ConditionReasons.NotSet)]
    [InlineData("192.168.50", ConditionReasons.Malformed)]
    public void A_missing_or_malformed_ip_is_not_valid(string ip, string reason)
    {
        var host = NewHost(Ref.ById("host-10"), ip: ip);

        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        Assert.Equal(reason, Only(host, ConditionTypes.IpNotValid).Reason);
    }

    [Fact]
    public void A_missing_secret_is_not_set()
    {
        var host = NewHost(Ref.ById("host-10"), secret: false);

        HostValidator.Apply(host, Vsphere, Inventory, null, T0);

        Assert.Equal(ConditionReasons.NotSet, Only(host, ConditionTypes.SecretNotValid).Reason);
    }

    [Fact]
    public void A_secret_that_cannot_be_read_is_not_found()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, Inventory, null, T0);

        var condition = Only(host, ConditionTypes.SecretNotValid);
        Assert.Equal((ConditionReasons.NotFound, "The `secret` cannot be found."), (condition.Reason, condition.Message));
    }

    [Fact]
    public void A_secret_without_a_password_is_a_data_error_naming_the_missing_key()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, Inventory, ["user"], T0);

        var condition = Only(host, ConditionTypes.SecretNotValid);
        Assert.Equal((ConditionReasons.DataErr, "The `secret` missing required data."), (condition.Reason, condition.Message));
        Assert.Equal(["password"], condition.Items);
        Assert.False(host.IsReady);
    }

    [Fact]
    public void Without_an_inventory_the_host_is_not_ready_and_says_why()
    {
        var host = NewHost(Ref.ById("host-10"));

        HostValidator.Apply(host, Vsphere, null, UserAndPassword, T0);

        Assert.Contains("inventory of provider 'vc' is not available", Only(host, ConditionTypes.ProviderNotReady).Message);
        Assert.False(host.IsReady);
    }

    [Fact]
    public void Fixing_the_ip_drops_the_old_condition_and_makes_the_host_ready()
    {
        var host = NewHost(Ref.ById("host-10"), ip: "10.9.9.9");
        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0);

        host.IpAddress = "10.0.0.11";
        HostValidator.Apply(host, Vsphere, Inventory, UserAndPassword, T0.AddMinutes(1));

        Assert.DoesNotContain(host.Conditions, c => c.Type == ConditionTypes.IpNotValid);
        Assert.True(host.IsReady);
    }

    [Fact]
    public void Adapters_sort_by_link_speed_then_mtu()
    {
        var sorted = HostValidator.SortFastestFirst(
        [
            new HostNetworkAdapter("a", "vmk0", "pg", "1.1.1.1", "255.0.0.0", 1500, 1000),
            new HostNetworkAdapter("b", "vmk1", "pg", "1.1.1.2", "255.0.0.0", 1500, 25000),
            new HostNetworkAdapter("c", "vmk2", "pg", "1.1.1.3", "255.0.0.0", 9000, 25000),
        ]);

        Assert.Equal(["vmk2", "vmk1", "vmk0"], sorted.Select(a => a.Name));
    }
}
