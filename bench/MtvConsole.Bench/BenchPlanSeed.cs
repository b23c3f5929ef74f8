using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

/// <summary>
/// A plan on the Lab providers whose warm run has N VMs copying (one 100 GiB disk each, one precopy
/// done), written straight to the database, and progress updates for slices of it, saved and announced
/// on the engine feed as the engine would: the load of the hub benchmark and of the plan page in Chromium.
/// </summary>
internal static class BenchPlanSeed
{
    public static async Task<Plan> SeedAsync(IServiceProvider services, int vmCount)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var destination = await db.Providers.SingleAsync(p => p.Name == LabSeeder.ClusterName);
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(1, vmCount).Select(i => $"bench-vm-{i:D5}").ToList();
        var plan = new Plan
        {
            Name = "bench-plan", SourceProviderId = source.Id, DestinationProviderId = destination.Id, TargetNamespace = "bench", Warm = true,
            Vms = [.. ids.Select(id => new PlanVm(Ref.ById(id), []))],
        };
        var run = new MigrationRun { PlanId = plan.Id, CreatedAt = now, CreatedBy = "bench", Started = now };
        run.Vms.AddRange(ids.Select(id => new VmStatus
        {
            MigrationId = run.Id, VmId = id, Name = id, Phase = Phases.CopyDisks, Started = now,
            Pipeline =
            [
                new PipelineStep { Name = PipelineSteps.Initialize, Phase = StepPhase.Completed, Progress = new Progress(1, 1), Started = now, Completed = now },
                new PipelineStep
                {
                    Name = PipelineSteps.DiskTransfer, Phase = StepPhase.Running, Started = now, Annotations = new() { [PipelineSteps.UnitAnnotation] = "MiB" },
                    Tasks = [new PipelineTask { Name = $"[datastore1] {id}/{id}.vmdk", Phase = StepPhase.Running, Progress = new Progress(0, 102_400), Started = now }],
                },
                new PipelineStep { Name = PipelineSteps.Cutover },
                new PipelineStep { Name = PipelineSteps.ImageConversion },
                new PipelineStep { Name = PipelineSteps.VirtualMachineCreation },
            ],
            Warm = new WarmStatus { Successes = 1, Precopies = [new Precopy { Start = now, End = now, BytesCopied = 1L << 30, Snapshot = "snapshot-1" }] },
        }));
        db.Plans.Add(plan);
        db.Migrations.Add(run);
        await db.SaveChangesAsync();
        return plan;
    }

    /// <summary>Sets the disk progress of the VMs to <paramref name="completedMiB"/>, saves them and announces it.</summary>
    public static async Task UpdateAsync(IMigrationStore store, EngineEventFeed feed, Guid runId, IReadOnlyList<VmStatus> slice, long completedMiB)
    {
        foreach (var vm in slice)
        {
            var task = vm.Pipeline.Single(s => s.Name == PipelineSteps.DiskTransfer).Tasks[0];
            task.Progress = new Progress(completedMiB, task.Progress.Total);
        }

        await store.SaveVmsAsync(slice);
        foreach (var vm in slice) feed.Publish(new VmProgressed(runId, DateTimeOffset.UtcNow, vm.VmId, completedMiB, 1, VmEstimate.None));
    }
}
