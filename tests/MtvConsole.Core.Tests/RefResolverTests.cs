using MtvConsole.Core.References;

namespace MtvConsole.Core.Tests;

public class RefResolverTests
{
    private sealed record Item(string Id, string Name, string Path);

    private static readonly Item[] Items =
    [
        new("vm-1", "web-01", "/DC-East/vm/Production/web-01"),
        new("vm-2", "web-01", "/DC-West/vm/Staging/web-01"),
        new("vm-3", "db-01", "/DC-East/vm/Production/db-01"),
    ];

    private static Resolution<Item> Resolve(Ref? reference) => RefResolver.Resolve(reference, Items, i => i.Id, i => i.Name, i => i.Path);

    [Fact]
    public void Resolves_by_id()
    {
        var result = Resolve(Ref.ById("vm-2"));
        Assert.Equal(ResolutionOutcome.Found, result.Outcome);
        Assert.Equal("/DC-West/vm/Staging/web-01", result.Item!.Path);
    }

    [Fact]
    public void Resolves_a_unique_name_and_a_path_qualified_name()
    {
        Assert.Equal("vm-3", Resolve(Ref.ByName("db-01")).Item!.Id);
        Assert.Equal("vm-2", Resolve(Ref.ByName("/DC-West/vm/Staging/web-01")).Item!.Id);
    }

    [Fact]
    public void A_name_shared_by_two_items_is_ambiguous_with_both_candidates()
    {
        var result = Resolve(Ref.ByName("web-01"));
        Assert.Equal(ResolutionOutcome.Ambiguous, result.Outcome);
        Assert.Null(result.Item);
        Assert.Equal(["vm-1", "vm-2"], result.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Unknown_id_or_name_is_not_found_and_distinct_from_not_set()
    {
        Assert.Equal(ResolutionOutcome.NotFound, Resolve(Ref.ById("vm-99")).Outcome);
        Assert.Equal(ResolutionOutcome.NotFound, Resolve(Ref.ByName("app-01")).Outcome);
        Assert.Equal(ResolutionOutcome.NotFound, Resolve(Ref.ByName("/DC-East/vm/web-01")).Outcome);
        Assert.Equal(ResolutionOutcome.NotSet, Resolve(new Ref()).Outcome);
        Assert.Equal(ResolutionOutcome.NotSet, Resolve(null).Outcome);
    }

    [Fact]
    public void An_id_wins_over_a_name()
    {
        Assert.Equal("vm-3", Resolve(new Ref("vm-3", "web-01")).Item!.Id);
    }

    [Fact]
    public void Ref_string_form_matches_forklift_condition_items()
    {
        Assert.Equal("(VM) id:vm-1 name:'web-01' ", new Ref("vm-1", "web-01", "VM").ToString());
    }
}
