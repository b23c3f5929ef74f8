using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Tests;

/// <summary>The status label of the plans list for each state a plan can be in.</summary>
public class PlanStatusLabelTests
{
    private static Condition C(string type, ConditionCategory category = ConditionCategory.Advisory) =>
        new() { Type = type, Category = category, Durable = true };

    private static Plan With(params Condition[] conditions) => new() { Name = "wave-1", Conditions = [.. conditions] };

    [Fact]
    public void A_plan_with_ready_and_no_blocker_is_ready()
        => Assert.Equal("Ready", PlanStatus.Label(With(C(ConditionTypes.Ready, ConditionCategory.Required))));

    [Fact]
    public void A_critical_condition_makes_it_cannot_start_even_beside_ready()
        => Assert.Equal("Cannot start", PlanStatus.Label(With(C(ConditionTypes.Ready, ConditionCategory.Required), C(ConditionTypes.NetworkMapNotReady, ConditionCategory.Critical))));

    [Fact]
    public void A_finished_plan_shows_how_it_ended()
    {
        Assert.Equal("Succeeded", PlanStatus.Label(With(C(ConditionTypes.Succeeded))));
        Assert.Equal("Failed", PlanStatus.Label(With(C(ConditionTypes.Failed))));
        Assert.Equal("Canceled", PlanStatus.Label(With(C(ConditionTypes.Canceled))));
    }

    [Fact]
    public void An_archived_plan_is_archived_whatever_its_last_outcome()
    {
        var plan = With(C(ConditionTypes.Succeeded));
        plan.Archived = true;
        Assert.Equal("Archived", PlanStatus.Label(plan));
    }

    [Fact]
    public void A_plan_without_conditions_yet_is_validating()
        => Assert.Equal("Validating", PlanStatus.Label(With()));
}
