namespace MtvConsole.Web.Dashboard;

/// <summary>What the migrations hub pushes to a subscribed client.</summary>
public interface IMigrationClient
{
    /// <summary>The current state of the subscribed plan (or of every plan), before any change.</summary>
    Task Snapshot(IReadOnlyList<PlanSnapshotDto> plans);

    /// <summary>Changes of one plan since the last batch: phase changes (never dropped), VM states (coalesced) and the plan status.</summary>
    Task Progress(ProgressBatchDto batch);

    /// <summary>A VM's validation concerns changed.</summary>
    Task ValidationFlags(ValidationFlagsDto flags);
}
