namespace MtvConsole.Core.Engine;

/// <summary>
/// What a restart of a plan would do: the VMs an earlier run migrated are kept as they are, every other
/// VM runs again after the leftovers of its earlier attempt are removed.
/// </summary>
public sealed record RestartPreview(string Plan, IReadOnlyList<RestartPreviewVm> Kept, IReadOnlyList<RestartPreviewVm> RunAgain);

/// <summary>A VM in a restart preview: how it ended last time and what of that attempt still exists (kind/name).</summary>
public sealed record RestartPreviewVm(string VmId, string Name, string Previously, IReadOnlyList<string> Leftovers);

/// <summary>The result of archiving a plan: VMs whose leftovers were removed, and what could not be removed.</summary>
public sealed record ArchiveOutcome(string Plan, IReadOnlyList<string> CleanedVms, IReadOnlyList<string> Problems);
