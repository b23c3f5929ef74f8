namespace MtvConsole.Core.Engine;

/// <summary>What one engine tick did: active runs, VMs in flight, VM statuses saved and phase transitions.</summary>
public sealed record TickSummary(int ActiveRuns, int RunningVms, int SavedVms, int Transitions);
