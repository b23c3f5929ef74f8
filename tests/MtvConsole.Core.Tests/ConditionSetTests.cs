using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Tests;

public class ConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static Condition Critical(string type, string reason = ConditionReasons.NotFound, params string[] items) =>
        new() { Type = type, Category = ConditionCategory.Critical, Reason = reason, Message = $"{type} message", Items = items };

    [Theory]
    [InlineData(ConditionCategory.Critical, true)]
    [InlineData(ConditionCategory.Error, true)]
    [InlineData(ConditionCategory.Warn, false)]
    [InlineData(ConditionCategory.Advisory, false)]
    [InlineData(ConditionCategory.Required, false)]
    public void Only_critical_and_error_conditions_block(ConditionCategory category, bool blocks)
    {
        var set = new ConditionSet();
        set.Set(new Condition { Type = "X", Category = category }, T0);

        Assert.Equal(blocks, set.HasBlocker);
    }

    [Fact]
    public void Ready_is_refused_while_a_blocker_exists()
    {
        var set = new ConditionSet();
        set.Set(Critical("DestinationNetworkNotValid"), T0);

        set.SetReadyUnlessBlocked("The network map is ready.", T0);

        Assert.False(set.IsReady);
        Assert.False(set.Set(new Condition { Type = ConditionTypes.Ready, Category = ConditionCategory.Required }, T0));
        Assert.Null(set.Find(ConditionTypes.Ready));
    }

    [Fact]
    public void Setting_a_blocker_removes_ready()
    {
        var set = new ConditionSet();
        set.SetReadyUnlessBlocked("ready", T0);
        Assert.True(set.IsReady);

        set.Set(Critical("SourceNetworkNotValid"), T0);

        Assert.False(set.IsReady);
    }

    [Fact]
    public void One_condition_per_type_and_an_unchanged_condition_keeps_its_transition_time()
    {
        var set = new ConditionSet();
        set.Set(Critical("VMNotFound", ConditionReasons.NotFound, "vm-1"), T0);
        set.Set(Critical("VMNotFound", ConditionReasons.NotFound, "vm-1"), T0.AddMinutes(5));

        var condition = Assert.Single(set.List);
        Assert.Equal(T0, condition.LastTransitionTime);

        set.Set(Critical("VMNotFound", ConditionReasons.NotFound, "vm-1", "vm-2"), T0.AddMinutes(9));

        condition = Assert.Single(set.List);
        Assert.Equal(T0.AddMinutes(9), condition.LastTransitionTime);
        Assert.Equal(["vm-1", "vm-2"], condition.Items);
    }

    [Fact]
    public void Staging_drops_non_durable_conditions_not_set_again_and_keeps_durable_ones()
    {
        var set = new ConditionSet();
        set.Set(Critical("VMNotFound"), T0);
        set.Set(new Condition { Type = ConditionTypes.Succeeded, Category = ConditionCategory.Advisory, Durable = true }, T0);
        set.Set(new Condition { Type = "StillTrue", Category = ConditionCategory.Warn }, T0);

        set.BeginStaging();
        set.Set(new Condition { Type = "StillTrue", Category = ConditionCategory.Warn }, T0);
        set.SetReadyUnlessBlocked("ready", T0);
        set.EndStaging();

        Assert.Null(set.Find("VMNotFound"));
        Assert.NotNull(set.Find(ConditionTypes.Succeeded));
        Assert.NotNull(set.Find("StillTrue"));
        Assert.True(set.IsReady);
    }

    [Fact]
    public void EndStaging_without_BeginStaging_is_a_programming_error()
    {
        Assert.Throws<InvalidOperationException>(() => new ConditionSet().EndStaging());
    }
}
