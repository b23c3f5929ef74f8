using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests;

public sealed class AcknowledgementRestartTests
{
    [Fact]
    public async Task Acknowledgements_survive_a_restart_and_keep_unblocking_the_vm()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mtv-ack-{Guid.NewGuid():N}");
        try
        {
            Guid providerId;
            VmValidation blocked;
            await using (var first = new ConsoleFactory(folder))
            {
                await first.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();
                await using var db = await first.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
                providerId = await db.Providers.Where(p => p.Name == "lab-vcenter").Select(p => p.Id).SingleAsync();
                var validation = first.Services.GetRequiredService<ValidationService>();
                blocked = validation.Store.ForProvider(providerId).First(v => v.Concerns.Count(c => c.Category == ConcernCategory.Critical) == 1);
                var concern = blocked.Concerns.Single(c => c.Category == ConcernCategory.Critical);
                Assert.Null(await first.Services.GetRequiredService<ConcernAcknowledgements>().AcknowledgeAsync("admin", providerId, blocked.VmId, concern.Id, "pilot"));
            }

            await using var second = new ConsoleFactory(folder);
            await second.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();
            var acks = second.Services.GetRequiredService<IAcknowledgementStore>();
            Assert.Equal(("admin", "pilot"), (acks.All().Single().User, acks.All().Single().Reason));
            Assert.Empty(CriticalConcernBlockers.Find(second.Services.GetRequiredService<IConcernStore>(), acks, providerId, [blocked.VmId]));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
