using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// The plan conditions about the source provider's VDDK init image, with upstream's names and meaning
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:1795-1951, validateVddkImage / validateVddkImageJob):
/// <list type="bullet">
/// <item><c>VDDKInitImageUnavailable</c>: no image at all (reason NotSet); or the image still cannot be pulled
/// <see cref="PullDeadline"/> after the Job started (VDDK_JOB_ACTIVE_DEADLINE, 300 s, pkg/settings/migration.go:289).</item>
/// <item><c>ValidatingVDDK</c>: the validation Job has not finished; <c>VDDKInitImageNotReady</c>: its pod waits for the
/// image (the kubelet's reason and message).</item>
/// <item><c>VDDKInvalid</c>: the Job failed (the image has no VDDK library).</item>
/// </list>
/// Upstream refuses to start a plan while <c>ValidatingVDDK</c> is set (plan/controller.go:271) although it is Advisory;
/// this console starts any plan without a blocker, so these conditions are Critical: none of them may let a plan start.
/// Upstream requires an image only for warm and raw-copy plans (cold ones may copy with virt-v2v); this console
/// always copies through CDI's VDDK importer, so every plan from a remote vCenter needs one. The Lab's simulated
/// vCenter needs none.
/// </summary>
public static class VddkImageConditions
{
    public static readonly TimeSpan PullDeadline = TimeSpan.FromSeconds(300);

    public static void Validate(PlanContext context, ConditionSet set, DateTimeOffset now)
    {
        if (context.Source is not { NeedsVddkImage: true } source || context.Destination is null) return;
        var fix = $"Edit provider '{source.Name}' and set its VDDK init image: an image with the VMware VDDK library, built from VMware's VDDK " +
                  "(it may not be redistributed) and pushed to a registry the target cluster can pull from.";
        if (string.IsNullOrWhiteSpace(source.VddkInitImage))
        {
            set.Set(Make.Critical(ConditionTypes.VDDKInitImageUnavailable, ConditionReasons.NotSet,
                $"The source provider '{source.Name}' has no VDDK init image; disks cannot be copied without one.", [source.Name], fix), now);
            return;
        }

        var image = source.VddkInitImage;
        var check = context.VddkImageCheck;
        if (check is null || check.Image != image || check.TargetProviderId != context.Destination.Id || check.ProviderId != source.Id)
        {
            set.Set(Validating(image), now);
            return;
        }

        switch (check.Phase)
        {
            case VddkImageCheckPhase.Running when check.Reason.Length > 0 && now - check.StartedAt > PullDeadline:
                set.Set(Make.Critical(ConditionTypes.VDDKInitImageUnavailable, check.Reason,
                    $"Unable to pull VDDK init image {image}. Check that the image URL is correct.", [check.Message],
                    $"The nodes of '{context.Destination.Name}' could not pull it for {(int)(now - check.StartedAt).TotalMinutes} min ({check.Reason}). " +
                    $"Push the image, fix its name on provider '{source.Name}', or give namespace {check.Namespace} a pull secret for the registry."), now);
                break;
            case VddkImageCheckPhase.Running when check.Reason.Length > 0:
                set.Set(Make.Critical(ConditionTypes.VDDKInitImageNotReady, check.Reason, check.Message, [image],
                    $"The validation job {check.Namespace}/{check.JobName} waits for the image; the kubelet keeps trying. Check the image name and that the registry is reachable."), now);
                break;
            case VddkImageCheckPhase.Running:
                set.Set(Validating(image), now);
                break;
            case VddkImageCheckPhase.Failed:
                set.Set(Make.Critical(ConditionTypes.VDDKInvalid, ConditionReasons.NotValid, "VDDK init image is invalid", [image, check.Message],
                    $"The validation job {check.Namespace}/{check.JobName} found no VDDK library in it ({check.Message}). Rebuild the image with VMware's VDDK " +
                    $"under /vmware-vix-disklib-distrib, then save provider '{source.Name}' again (saving validates the image again)."), now);
                break;
        }
    }

    private static Condition Validating(string image) =>
        Make.Critical(ConditionTypes.ValidatingVDDK, ConditionReasons.Started, "Validating VDDK init image", [image],
            "A job on the target cluster checks that the image holds the VDDK library; the plan can start once it has succeeded.");
}
