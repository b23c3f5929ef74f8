using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using static MtvConsole.Core.Tests.Readiness.SampleInventory;

namespace MtvConsole.Core.Tests.Readiness;

public class NetworkMapValidatorTests
{
    private static NetworkMap Map(params NetworkMapEntry[] entries)
    {
        var (source, destination) = (Source(), Destination());
        return new NetworkMap { Name = "net", SourceProviderId = source.Id, DestinationProviderId = destination.Id, Entries = [.. entries] };
    }

    private static void Validate(NetworkMap map, TargetInventory target) =>
        NetworkMapValidator.Validate(map, Source(), Destination(), Vsphere(), target, Now);

    [Fact]
    public void A_missing_nad_is_critical_names_it_and_says_how_to_fix_it_then_clears_when_it_appears()
    {
        var map = Map(new NetworkMapEntry(Ref.ByName("VM Network"), NetworkDestinationType.Multus, "apps", "prod-vlan"));

        Validate(map, Target());

        var condition = Assert.Single(map.Conditions, c => c.Type == ConditionTypes.DestinationNetworkNotValid);
        Assert.Equal(ConditionCategory.Critical, condition.Category);
        Assert.Equal(ConditionReasons.NotFound, condition.Reason);
        Assert.StartsWith("Destination network not found", condition.Message);
        Assert.Equal(["apps/prod-vlan"], condition.Items);
        Assert.Contains("Create the NetworkAttachmentDefinition apps/prod-vlan", condition.Suggestion);
        Assert.False(map.IsReady);

        Validate(map, Target(new NetworkAttachmentDefinition("apps", "prod-vlan", "{}")));

        Assert.True(map.IsReady);
        Assert.DoesNotContain(map.Conditions, c => c.Type == ConditionTypes.DestinationNetworkNotValid);
    }

    [Fact]
    public void Pod_and_ignored_destinations_are_never_checked_and_references_hold_resolved_ids()
    {
        var map = Map(
            new NetworkMapEntry(Ref.ByName("VM Network"), NetworkDestinationType.Pod),
            new NetworkMapEntry(Ref.ById("network-2"), NetworkDestinationType.Ignored));

        Validate(map, Target());

        Assert.True(map.IsReady);
        Assert.Equal(["network-1", "network-2"], map.References);
    }

    [Fact]
    public void Source_networks_not_found_and_ambiguous_are_distinct_blockers()
    {
        var notFound = Map(new NetworkMapEntry(Ref.ByName("Nope"), NetworkDestinationType.Pod));
        Validate(notFound, Target());
        Assert.Equal(ConditionReasons.NotFound, notFound.Conditions.Single(c => c.Type == ConditionTypes.SourceNetworkNotValid).Reason);

        var ambiguous = Map(new NetworkMapEntry(Ref.ByName("DB"), NetworkDestinationType.Pod));
        Validate(ambiguous, Target());
        var condition = ambiguous.Conditions.Single(c => c.Type == ConditionTypes.SourceNetworkNotValid);
        Assert.Equal(ConditionReasons.Ambiguous, condition.Reason);
        Assert.False(ambiguous.IsReady);

        var byPath = Map(new NetworkMapEntry(Ref.ByName("/DC/network/dvs/DB"), NetworkDestinationType.Pod));
        Validate(byPath, Target());
        Assert.True(byPath.IsReady);
        Assert.Equal(["dvportgroup-3"], byPath.References);
    }

    [Fact]
    public void A_nad_without_namespace_is_refused()
    {
        var map = Map(new NetworkMapEntry(Ref.ByName("VM Network"), NetworkDestinationType.Multus, "", "prod-vlan"));
        Validate(map, Target(new NetworkAttachmentDefinition("apps", "prod-vlan", "{}")));
        Assert.Equal(ConditionReasons.Ambiguous, map.Conditions.Single(c => c.Type == ConditionTypes.DestinationNetworkNotValid).Reason);
    }

    [Fact]
    public void A_provider_of_the_wrong_type_or_not_ready_blocks_the_map()
    {
        var map = Map(new NetworkMapEntry(Ref.ByName("VM Network"), NetworkDestinationType.Pod));
        var notReady = new Provider { Name = "vc2", Type = ProviderType.Vsphere };

        NetworkMapValidator.Validate(map, notReady, Source(), Vsphere(), Target(), Now);

        Assert.Contains(map.Conditions, c => c.Type == ConditionTypes.SourceProviderNotReady);
        Assert.Contains(map.Conditions, c => c.Type == ConditionTypes.DestinationProviderNotValid && c.Reason == ConditionReasons.TypeNotValid);
        Assert.False(map.IsReady);
    }
}
