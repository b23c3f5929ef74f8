using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MtvConsole.Core.Resources;

namespace MtvConsole.Data.Configuration;

/// <summary>Table mapping of the console resources: unique names, generations, and JSON columns for conditions and lists.</summary>
internal static class ResourceModel
{
    public static void Configure(ModelBuilder b)
    {
        Resource<Provider>(b, "Providers", e =>
        {
            e.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Backing).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Phase).HasConversion<string>().HasMaxLength(30);
            e.Property(p => p.VddkInitImage).HasMaxLength(512);
            e.HasOne<StoredSecret>().WithMany().HasForeignKey(p => p.SecretId).OnDelete(DeleteBehavior.Restrict);
        });
        Resource<MigrationNetworkHost>(b, "Hosts", e =>
        {
            e.Property(h => h.HostRef).HasJsonConversion();
            e.HasOne<Provider>().WithMany().HasForeignKey(h => h.ProviderId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StoredSecret>().WithMany().HasForeignKey(h => h.SecretId).OnDelete(DeleteBehavior.Restrict);
        });
        Resource<NetworkMap>(b, "NetworkMaps", e =>
        {
            e.Property(m => m.Entries).HasJsonConversion();
            e.Property(m => m.References).HasJsonConversion();
            ProviderPair(e);
        });
        Resource<StorageMap>(b, "StorageMaps", e =>
        {
            e.Property(m => m.Entries).HasJsonConversion();
            e.Property(m => m.References).HasJsonConversion();
            ProviderPair(e);
        });
        Resource<Hook>(b, "Hooks", _ => { });
        Resource<Plan>(b, "Plans", e =>
        {
            e.Property(p => p.Vms).HasJsonConversion();
            e.Property(p => p.TargetNamespace).HasMaxLength(63);
            e.Property(p => p.Revision).IsConcurrencyToken();
            ProviderPair(e);
            e.HasOne<NetworkMap>().WithMany().HasForeignKey(p => p.NetworkMapId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StorageMap>().WithMany().HasForeignKey(p => p.StorageMapId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void Resource<T>(ModelBuilder b, string table, Action<EntityTypeBuilder<T>> configure)
        where T : Resource
    {
        b.Entity<T>(e =>
        {
            e.ToTable(table);
            e.Property(r => r.Name).HasMaxLength(253);
            e.HasIndex(r => r.Name).IsUnique();
            e.Property(r => r.Conditions).HasJsonConversion();
            e.Ignore(r => r.IsReady);
            e.Ignore(r => r.HasBlocker);
            e.Ignore(r => r.FirstBlocker);
            configure(e);
        });
    }

    // Deleting a provider that a map or plan uses is refused (Restrict), never cascaded.
    private static void ProviderPair<T>(EntityTypeBuilder<T> e)
        where T : MappedResource
    {
        e.HasOne<Provider>().WithMany().HasForeignKey(m => m.SourceProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Provider>().WithMany().HasForeignKey(m => m.DestinationProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}
