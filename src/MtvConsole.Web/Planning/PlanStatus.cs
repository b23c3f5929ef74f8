using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Planning;

/// <summary>The one-word state a plan list shows, from the plan's conditions.</summary>
public static class PlanStatus
{
    public static string Label(Plan plan, PlanRunSummary? latestRun = null) => plan switch
    {
        { Archived: true } => "Archived",
        _ when Has(plan, ConditionTypes.Executing) && latestRun is { OnlyWaitingForCutover: true } => "Waiting for cutover",
        _ when Has(plan, ConditionTypes.Executing) => "Running",
        _ when Has(plan, ConditionTypes.Failed) => "Failed",
        _ when Has(plan, ConditionTypes.Canceled) => "Canceled",
        _ when Has(plan, ConditionTypes.Succeeded) => "Succeeded",
        { HasBlocker: true } => "Cannot start",
        { IsReady: true } => "Ready",
        _ => "Validating",
    };

    private static bool Has(Plan plan, string type) => plan.Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True);
}
