using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Startup;

namespace MtvConsole.Data.Tests;

public sealed class MigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private string? Prepare() => DatabaseStartup.Prepare(_db.ConnectionString, o => new MtvDbContext(o));

    [Fact]
    public void Start_up_applies_every_committed_migration_and_turns_on_WAL()
    {
        Assert.Null(Prepare());

        using var db = _db.Open();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Equal(db.Database.GetMigrations(), db.Database.GetAppliedMigrations());
        using var connection = new SqliteConnection(_db.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Starting_twice_keeps_the_data()
    {
        Assert.Null(Prepare());
        using (var db = _db.Open())
        {
            db.Providers.Add(new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 });
            db.SaveChanges();
        }

        Assert.Null(Prepare());

        using var again = _db.Open();
        Assert.Equal("vc", Assert.Single(again.Providers).Name);
    }

    [Fact]
    public void A_plan_with_vms_hooks_conditions_and_a_run_with_vm_statuses_round_trips()
    {
        Assert.Null(Prepare());
        var source = new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift, CreatedAt = T0 };
        var networkMap = new NetworkMap
        {
            Name = "net", SourceProviderId = source.Id, DestinationProviderId = destination.Id, CreatedAt = T0,
            Entries = [new NetworkMapEntry(Ref.ById("network-17"), NetworkDestinationType.Multus, "vm-imports", "prod-vlan-110")],
        };
        var storageMap = new StorageMap
        {
            Name = "sto", SourceProviderId = source.Id, DestinationProviderId = destination.Id, CreatedAt = T0,
            Entries = [new StorageMapEntry(Ref.ByName("nfs-gold"), "ocs-storagecluster-ceph-rbd", VolumeMode.Block, AccessMode.ReadWriteMany)],
        };
        var hook = new Hook { Name = "install-agent", Image = "quay.io/konveyor/hook-runner", CreatedAt = T0 };
        var plan = new Plan
        {
            Name = "wave-1", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            NetworkMapId = networkMap.Id, StorageMapId = storageMap.Id, TargetNamespace = "prod-apps", Warm = true,
            TransferNetwork = "default/migration-net", CreatedAt = T0,
            Vms = [new PlanVm(Ref.ById("vm-431"), [new PlanHook(HookStep.PostHook, hook.Id)])],
            Conditions = [new Condition { Type = "VMNotFound", Category = ConditionCategory.Critical, Reason = "NotFound", Items = ["(VM) id:vm-9 name:'' "], LastTransitionTime = T0 }],
        };
        var run = new MigrationRun
        {
            PlanId = plan.Id, CreatedAt = T0, Cutover = T0.AddHours(4), Cancel = [Ref.ByName("db-01")],
            Vms =
            [
                new VmStatus
                {
                    VmId = "vm-431", Name = "web-01", Phase = "CopyingPaused", Started = T0, RestorePowerState = RestorePowerState.On,
                    Pipeline = [new PipelineStep { Name = "DiskTransfer", Tasks = [new PipelineTask { Name = "[nfs-gold] web-01/web-01.vmdk", Progress = new Progress(512, 2048), Annotations = { ["unit"] = "MB" } }] }],
                    Warm = new WarmStatus { Successes = 1, NextPrecopyAt = T0.AddHours(1), Precopies = [new Precopy { Start = T0, End = T0.AddMinutes(20), Snapshot = "snapshot-7", Deltas = [new DiskDelta("[nfs-gold] web-01/web-01.vmdk", "52 ab/7")] }] },
                },
            ],
        };
        using (var db = _db.Open())
        {
            db.AddRange(source, destination, networkMap, storageMap, hook, plan, run);
            db.SaveChanges();
        }

        using var read = _db.Open();
        var loadedPlan = read.Plans.Single();
        Assert.Equal(hook.Id, loadedPlan.Vms[0].Hooks[0].HookId);
        Assert.Equal("(VM) id:vm-9 name:'' ", Assert.Single(loadedPlan.Conditions).Items[0]);
        Assert.Equal(T0, loadedPlan.Conditions[0].LastTransitionTime);
        Assert.Equal(AccessMode.ReadWriteMany, read.StorageMaps.Single().Entries[0].AccessMode);
        Assert.Equal("prod-vlan-110", read.NetworkMaps.Single().Entries[0].DestinationName);
        var loadedRun = read.Migrations.Include(m => m.Vms).Single();
        Assert.Equal(T0.AddHours(4), loadedRun.Cutover);
        Assert.Equal("db-01", loadedRun.Cancel[0].Name);
        var vm = Assert.Single(loadedRun.Vms);
        Assert.Equal(512, vm.Pipeline[0].Tasks[0].Progress.Completed);
        Assert.Equal("MB", vm.Pipeline[0].Tasks[0].Annotations["unit"]);
        Assert.Equal("52 ab/7", vm.Warm!.Precopies[0].Deltas[0].DeltaId);
        Assert.Equal(RestorePowerState.On, vm.RestorePowerState);
    }

    [Fact]
    public void An_in_place_edit_of_a_json_column_is_saved()
    {
        Assert.Null(Prepare());
        using (var db = _db.Open())
        {
            db.Providers.Add(new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 });
            db.SaveChanges();
        }
        using (var db = _db.Open())
        {
            db.Providers.Single().Conditions.Add(new Condition { Type = "Ready", Category = ConditionCategory.Required });
            db.SaveChanges();
        }

        using var read = _db.Open();
        Assert.Equal("Ready", Assert.Single(read.Providers.Single().Conditions).Type);
    }

    [Fact]
    public void Deleting_a_provider_that_a_map_uses_is_refused()
    {
        Assert.Null(Prepare());
        var source = new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift, CreatedAt = T0 };
        using (var db = _db.Open())
        {
            db.AddRange(source, destination, new NetworkMap { Name = "net", SourceProviderId = source.Id, DestinationProviderId = destination.Id, CreatedAt = T0 });
            db.SaveChanges();
        }

        using var del = _db.Open();
        del.Providers.Remove(del.Providers.Single(p => p.Name == "vc"));
        Assert.Throws<DbUpdateException>(() => del.SaveChanges());
    }

    [Fact]
    public void Names_are_unique_per_resource_type()
    {
        Assert.Null(Prepare());
        using var db = _db.Open();
        db.Providers.Add(new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 });
        db.Providers.Add(new Provider { Name = "vc", Type = ProviderType.Vsphere, CreatedAt = T0 });
        Assert.Throws<DbUpdateException>(() => db.SaveChanges());
    }
}
