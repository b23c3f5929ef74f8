using System.Text.Json;

namespace MtvConsole.Core.Validation;

/// <summary>What a rule reads: the workload, and its JSON form (built once, only when a custom rule asks).</summary>
public sealed class RuleInput(Workload workload)
{
    private JsonElement? _json;

    public Workload Workload => workload;

    public JsonElement Json => _json ??= WorkloadJson.ToElement(workload);
}
