using MtvConsole.Core.Conditions;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.Resources;
using static MtvConsole.Core.Tests.Readiness.SampleInventory;

namespace MtvConsole.Core.Tests.Readiness;

/// <summary>A plan from a remote vCenter cannot start until its provider's VDDK init image has been validated on the target.</summary>
public sealed class VddkImageConditionsTests
{
    private const string Image = "registry.example.com/vddk:8.0.3";
    private readonly Provider _source = new() { Name = "prod-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vc.example.com/sdk", VddkInitImage = Image };
    private readonly Provider _destination = Destination();

    private Plan Validate(VddkImageCheck? check, Provider? source = null, DateTimeOffset? now = null)
    {
        var plan = new Plan { Name = "wave-1", SourceProviderId = (source ?? _source).Id, DestinationProviderId = _destination.Id, TargetNamespace = "apps" };
        var context = new PlanContext(source ?? _source, _destination, null, null, new Dictionary<Guid, Hook>(), null, null, new HashSet<string>()) { VddkImageCheck = check };
        PlanValidator.Validate(plan, context, now ?? Now);
        return plan;
    }

    private VddkImageCheck Check(VddkImageCheckPhase phase, string reason = "", string message = "", string image = Image) => new()
    {
        ProviderId = _source.Id, TargetProviderId = _destination.Id, Image = image, Namespace = "apps", JobName = "vddk-validator-0123456789abcdef",
        Phase = phase, Reason = reason, Message = message, StartedAt = Now - TimeSpan.FromMinutes(1),
    };

    private static Condition Blocker(Plan plan, string type)
    {
        var condition = Assert.Single(plan.Conditions, c => c.Type == type);
        Assert.True(condition.IsBlocker, $"{type} must keep the plan from starting");
        return condition;
    }

    [Fact]
    public void Without_an_image_the_plan_cannot_start_and_the_condition_says_where_to_set_it()
    {
        _source.VddkInitImage = null;
        var condition = Blocker(Validate(null), ConditionTypes.VDDKInitImageUnavailable);

        Assert.Equal(ConditionReasons.NotSet, condition.Reason);
        Assert.Contains("'prod-vc' has no VDDK init image", condition.Message);
        Assert.StartsWith("Edit provider 'prod-vc' and set its VDDK init image", condition.Suggestion);
    }

    [Fact]
    public void Until_the_job_has_a_result_for_this_image_the_plan_is_validating()
    {
        Assert.Equal("Validating VDDK init image", Blocker(Validate(null), ConditionTypes.ValidatingVDDK).Message);
        Blocker(Validate(Check(VddkImageCheckPhase.Running)), ConditionTypes.ValidatingVDDK);
        // A result for another image (the provider's image changed since) does not count.
        Blocker(Validate(Check(VddkImageCheckPhase.Succeeded, image: "registry.example.com/vddk:7.0.3")), ConditionTypes.ValidatingVDDK);
    }

    [Fact]
    public void An_image_the_nodes_cannot_pull_shows_the_kubelets_reason_and_after_the_deadline_is_unavailable()
    {
        var check = Check(VddkImageCheckPhase.Running, "ImagePullBackOff", $"Back-off pulling image \"{Image}\"");

        var early = Blocker(Validate(check), ConditionTypes.VDDKInitImageNotReady);
        Assert.Equal(("ImagePullBackOff", $"Back-off pulling image \"{Image}\""), (early.Reason, early.Message));

        var late = Blocker(Validate(check, now: check.StartedAt + VddkImageConditions.PullDeadline + TimeSpan.FromSeconds(1)), ConditionTypes.VDDKInitImageUnavailable);
        Assert.Equal("ImagePullBackOff", late.Reason);
        Assert.Equal($"Unable to pull VDDK init image {Image}. Check that the image URL is correct.", late.Message);
        Assert.Contains($"Back-off pulling image \"{Image}\"", late.Items);
    }

    [Fact]
    public void A_failed_job_makes_the_image_invalid_with_the_jobs_output()
    {
        var condition = Blocker(Validate(Check(VddkImageCheckPhase.Failed, "BackoffLimitExceeded", "libvixDiskLib.so: cannot open (No such file or directory)")),
            ConditionTypes.VDDKInvalid);

        Assert.Equal("VDDK init image is invalid", condition.Message);
        Assert.Contains("libvixDiskLib.so: cannot open (No such file or directory)", condition.Items);
        Assert.Contains("save provider 'prod-vc' again", condition.Suggestion);
    }

    [Fact]
    public void A_succeeded_job_for_this_image_and_target_leaves_no_vddk_condition_and_the_lab_needs_none()
    {
        string[] vddk = [ConditionTypes.VDDKInvalid, ConditionTypes.ValidatingVDDK, ConditionTypes.VDDKInitImageNotReady, ConditionTypes.VDDKInitImageUnavailable];

        Assert.DoesNotContain(Validate(Check(VddkImageCheckPhase.Succeeded)).Conditions, c => vddk.Contains(c.Type));
        var lab = Source();
        Assert.DoesNotContain(Validate(null, lab).Conditions, c => vddk.Contains(c.Type));
    }
}
