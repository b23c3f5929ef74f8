using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Accounts;
using MtvConsole.Data.Configuration;

namespace MtvConsole.Data;

/// <summary>The console's SQLite database. Schema changes go through committed EF Core migrations.</summary>
public sealed class MtvDbContext(DbContextOptions<MtvDbContext> options) : DbContext(options)
{
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<StoredSecret> Secrets => Set<StoredSecret>();
    public DbSet<MigrationNetworkHost> Hosts => Set<MigrationNetworkHost>();
    public DbSet<NetworkMap> NetworkMaps => Set<NetworkMap>();
    public DbSet<StorageMap> StorageMaps => Set<StorageMap>();
    public DbSet<Hook> Hooks => Set<Hook>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<MigrationRun> Migrations => Set<MigrationRun>();
    public DbSet<VmStatus> VmStatuses => Set<VmStatus>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<EngineSettings> EngineSettings => Set<EngineSettings>();
    public DbSet<VddkImageCheck> VddkImageChecks => Set<VddkImageCheck>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PlanRevisions.Bump(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PlanRevisions.Bump(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DateTimeOffsetAsTicks.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder b)
    {
        ResourceModel.Configure(b);

        b.Entity<StoredSecret>(e =>
        {
            e.ToTable("Secrets");
            e.Property(s => s.Purpose).HasMaxLength(200);
        });

        b.Entity<MigrationRun>(e =>
        {
            e.ToTable("Migrations");
            e.HasIndex(m => new { m.PlanId, m.CreatedAt });
            e.Property(m => m.VmCutovers).HasJsonConversion();
            e.Property(m => m.Cancel).HasJsonConversion();
            e.Property(m => m.Conditions).HasJsonConversion();
            e.HasMany(m => m.Vms).WithOne().HasForeignKey(v => v.MigrationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Plan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<VmStatus>(e =>
        {
            e.ToTable("VmStatuses");
            e.HasIndex(v => new { v.MigrationId, v.VmId }).IsUnique();
            e.Property(v => v.Pipeline).HasJsonConversion();
            e.Property(v => v.Warm).HasJsonConversion();
            e.Property(v => v.Error).HasJsonConversion();
            e.Property(v => v.Conditions).HasJsonConversion();
        });

        b.Entity<EngineSettings>(e =>
        {
            e.ToTable("EngineSettings");
            e.Property(s => s.Id).ValueGeneratedNever();
        });

        b.Entity<VddkImageCheck>(e =>
        {
            e.ToTable("VddkImageChecks");
            e.HasIndex(c => new { c.ProviderId, c.TargetProviderId }).IsUnique();
            e.Property(c => c.Image).HasMaxLength(512);
            e.Property(c => c.Namespace).HasMaxLength(63);
            e.Property(c => c.JobName).HasMaxLength(63);
            e.Property(c => c.Phase).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Provider>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Provider>().WithMany().HasForeignKey(c => c.TargetProviderId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<UserAccount>(e =>
        {
            e.ToTable("Users");
            e.Property(u => u.UserName).HasMaxLength(100).UseCollation("NOCASE");
            e.HasIndex(u => u.UserName).IsUnique();
            e.Property(u => u.Role).HasMaxLength(20);
        });

        b.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => new { t.UserId, t.Name }).IsUnique();
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(20);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasIndex(a => a.At);
            e.Property(a => a.User).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(50);
        });
    }
}
